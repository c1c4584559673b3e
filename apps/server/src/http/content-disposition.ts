/**
 * `Content-Disposition` for a download (RFC 6266 §4): the disposition type, then, when the
 * content has a name, `filename="<name>"` alone when the name survives as a plain quoted
 * string; otherwise the exact name as `filename*=UTF-8''<pct-encoded>` (RFC 8187 §3.2) first
 * and an ASCII `filename="..."` fallback last. RFC 6266 §4.3: "when both filename and
 * filename* are present ... recipients SHOULD pick filename*", whatever the order; clients
 * that instead take the last `filename` parameter (Qlik's @qlik/api does, and mangles a
 * `filename*` value) get the exact name for plain names and the fallback otherwise.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const type = inline ? 'inline' : 'attachment';
  if (name === '') return type;
  const fallback = asciiFallback(name);
  if (fallback === name) return `${type}; filename="${name}"`;
  return `${type}; filename*=UTF-8''${encodeRfc8187(name)}; filename="${fallback}"`;
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
