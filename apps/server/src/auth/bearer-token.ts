/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1; the scheme name is
 * case-insensitive, RFC 9110 §11.1). `undefined` when no Bearer credentials were sent at all
 * (absent header or another scheme), `''` when the Bearer header carries no usable token.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s+(.*))?$/.exec(header);
  if (match === null || match[1]?.toLowerCase() !== 'bearer') return undefined;
  const token = (match[2] ?? '').trim();
  // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
  return /^[A-Za-z0-9\-._~+/]+=*$/.test(token) ? token : '';
}
