/**
 * The file name in a `Content-Disposition` header (RFC 6266 §4.3): the RFC 8187 `filename*`
 * (UTF-8, percent-encoded) wins over the ASCII fallback `filename`.
 */
export function parseContentDispositionFilename(
  value: string | null | undefined,
): string | undefined {
  if (!value) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]+)/i.exec(value);
  if (extended?.[1]) {
    const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(extended[1].trim());
    if (match && match[1]?.toUpperCase() === 'UTF-8') {
      try {
        return decodeURIComponent(match[2] ?? '');
      } catch {
        // A malformed percent-encoding: fall back to the plain parameter below.
      }
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(value);
  if (!plain?.[1]) return undefined;
  const raw = plain[1].trim();
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
}
