/**
 * A strict reader of `Content-Disposition` (RFC 6266 §4.1) with RFC 8187 ext-values, so the
 * download suite can check what a browser would actually save the file as.
 */
export interface ParsedDisposition {
  type: string;
  /** `filename=` (token or quoted-string, unescaped). */
  filename: string | undefined;
  /** `filename*=` decoded from UTF-8 percent-encoding. */
  filenameStar: string | undefined;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

/** Parses the header; returns a string describing the first syntax error instead of throwing. */
export function parseContentDisposition(value: string): ParsedDisposition | string {
  let rest = value.trim();
  const type = TOKEN.exec(rest)?.[0];
  if (!type) return 'no disposition type';
  rest = rest.slice(type.length);
  const result: ParsedDisposition = {
    type: type.toLowerCase(),
    filename: undefined,
    filenameStar: undefined,
  };
  while (rest.trim().length > 0) {
    rest = rest.replace(/^[ \t]*;[ \t]*/, (match) => (match.includes(';') ? '' : match));
    if (rest.startsWith(' ') || rest.startsWith('\t')) return 'parameters not separated by ";"';
    const name = TOKEN.exec(rest)?.[0];
    if (!name) return `bad parameter near "${rest.slice(0, 20)}"`;
    rest = rest.slice(name.length).replace(/^[ \t]*=[ \t]*/, '=');
    if (!rest.startsWith('=')) return `parameter ${name} has no "="`;
    rest = rest.slice(1);
    let parameter: string;
    if (rest.startsWith('"')) {
      let index = 1;
      let text = '';
      for (; index < rest.length; index += 1) {
        const char = rest[index] as string;
        if (char === '\\') {
          index += 1;
          text += rest[index] ?? '';
        } else if (char === '"') break;
        else text += char;
      }
      if (index >= rest.length) return `unterminated quoted-string in ${name}`;
      parameter = text;
      rest = rest.slice(index + 1);
    } else {
      const token = /^[^;\s]+/.exec(rest)?.[0] ?? '';
      if (!token) return `parameter ${name} has an empty value`;
      parameter = token;
      rest = rest.slice(token.length);
    }
    const key = name.toLowerCase();
    if (key === 'filename') {
      if (result.filename !== undefined) return 'filename given twice';
      result.filename = parameter;
    } else if (key === 'filename*') {
      const match = /^UTF-8'[A-Za-z0-9-]*'((?:%[0-9A-Fa-f]{2}|[!#$&+\-.^_`|~0-9A-Za-z])*)$/i.exec(
        parameter,
      );
      if (!match) return `filename* "${parameter}" is not an RFC 8187 UTF-8 ext-value`;
      try {
        result.filenameStar = new TextDecoder('utf-8', { fatal: true }).decode(
          Buffer.from(
            (match[1] ?? '').replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
              String.fromCharCode(Number.parseInt(hex, 16)),
            ),
            'latin1',
          ),
        );
      } catch {
        return `filename* "${parameter}" is not valid UTF-8 once decoded`;
      }
    }
    if (rest.trim().length > 0 && !/^[ \t]*;/.test(rest))
      return `garbage after ${name}: "${rest.slice(0, 20)}"`;
  }
  return result;
}
