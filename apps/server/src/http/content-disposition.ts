/**
 * `Content-Disposition` for a download (RFC 6266 §4): the disposition type, then, when the
 * content has a name, an ASCII-only `filename="..."` for old user agents and the exact name as
 * `filename*=UTF-8''<pct-encoded>` (RFC 8187 §3.2). RFC 6266 §4.3: "when both filename and
 * filename* are present ... recipients SHOULD pick filename*".
 */
export function contentDisposition(name: string, inline: boolean): string {
  const type = inline ? 'inline' : 'attachment';
  if (name === '') return type;
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/**
 * A quoted-string-safe ASCII approximation: accents dropped (é -> e), other non-ASCII -> "_".
 * `"` and `\` are replaced rather than escaped because user agents disagree on quoted-pair,
 * and `%` too: RFC 6266 Appendix D advises against "%" in `filename` as some agents decode it.
 */
export function asciiFallback(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/gu, '_')
    .replace(/["\\%]/g, '_');
}

/**
 * RFC 8187 value-chars: attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." /
 * "^" / "_" / "`" / "|" / "~"; everything else as %XX of its UTF-8 bytes.
 */
export function encodeRfc8187(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9!#$&+\-.^_`|~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
