/**
 * `Range` and `If-Range` (RFC 9110 §14.2, §13.1.5) with exactly the behaviour the spec's
 * TempContentsGet description documents:
 *
 * - only the `bytes` unit (case-insensitive, §14.1) and only ONE range are served;
 * - `a-b`, `a-` and `-n` select one range; a last-pos past the end is clamped to size-1 and a
 *   suffix longer than the content selects all of it -> 206;
 * - a single range whose first-pos >= size, or the suffix `-0`, is unsatisfiable -> 416 with
 *   `Content-Range: bytes *\/size`;
 * - anything else (syntax errors, last-pos < first-pos, another unit, several ranges) is
 *   ignored -> 200 with the whole content ("A server MAY ignore the Range header field", §14.2);
 * - zero-byte content: a suffix `-n` (n > 0) is ignored (no Content-Range can describe zero
 *   bytes), every first-pos is unsatisfiable;
 * - `If-Range` is looked at only when a range would otherwise be applied or refused: if it is
 *   not a strong ETag equal to the current one, nor an HTTP-date equal to Last-Modified, the
 *   whole content is sent with 200 (§13.1.5: "the recipient ... MUST ignore the Range header").
 */
export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

export interface RangeRequest {
  range: string | undefined;
  ifRange: string | undefined;
  size: number;
  /** Current strong ETag, with its quotes. */
  etag: string;
  lastModified: Date;
}

type ParsedRange =
  | { kind: 'int'; first: bigint; last: bigint | undefined }
  | { kind: 'suffix'; length: bigint };

const FULL: RangeDecision = { kind: 'full' };

export function evaluateRange(request: RangeRequest): RangeDecision {
  if (request.range === undefined) return FULL;
  const parsed = parseSingleByteRange(request.range);
  if (parsed === undefined) return FULL;
  if (request.ifRange !== undefined && !ifRangeMatches(request.ifRange, request)) return FULL;

  const size = BigInt(request.size);
  if (parsed.kind === 'suffix') {
    if (parsed.length === 0n) return { kind: 'unsatisfiable' };
    if (size === 0n) return FULL;
    const start = parsed.length >= size ? 0n : size - parsed.length;
    return { kind: 'partial', start: Number(start), end: Number(size - 1n) };
  }
  if (parsed.first >= size) return { kind: 'unsatisfiable' };
  const last = parsed.last === undefined || parsed.last >= size ? size - 1n : parsed.last;
  return { kind: 'partial', start: Number(parsed.first), end: Number(last) };
}

/**
 * One syntactically valid `bytes` range-spec, or undefined when the header is to be ignored.
 * Grammar (§14.1.1): ranges-specifier = range-unit "=" range-set; range-set = 1#range-spec;
 * int-range = first-pos "-" [ last-pos ]; suffix-range = "-" suffix-length. Empty list
 * elements are allowed and skipped (§5.6.1).
 */
export function parseSingleByteRange(header: string): ParsedRange | undefined {
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return undefined;
  // No whitespace is allowed between the unit and "=", nor inside a range-spec.
  if (/\s$/.test(header.slice(0, eq))) return undefined;
  const specs = header
    .slice(eq + 1)
    .split(',')
    .map((spec) => spec.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((spec) => spec !== '');
  if (specs.length !== 1) return undefined;
  const match = /^(?:([0-9]+)-([0-9]*)|-([0-9]+))$/.exec(specs[0] as string);
  if (match === null) return undefined;
  const [, first, last, suffix] = match;
  if (suffix !== undefined) return { kind: 'suffix', length: BigInt(suffix) };
  const firstPos = BigInt(first as string);
  const lastPos = last === '' || last === undefined ? undefined : BigInt(last);
  // "A range-spec is invalid if the last-pos value is present and less than the first-pos."
  if (lastPos !== undefined && lastPos < firstPos) return undefined;
  return { kind: 'int', first: firstPos, last: lastPos };
}

function ifRangeMatches(value: string, { etag, lastModified }: RangeRequest): boolean {
  const trimmed = value.trim();
  // §13.1.5: an entity-tag starts with DQUOTE (or W/ for a weak one, which never matches:
  // "A server MUST NOT use a weak entity tag ... in If-Range").
  if (trimmed.startsWith('"') || trimmed.startsWith('W/')) return trimmed === etag;
  const date = Date.parse(trimmed);
  // "the HTTP-date validator provided exactly matches the Last-Modified field value"; HTTP
  // dates have one-second resolution.
  return !Number.isNaN(date) && date === Math.floor(lastModified.getTime() / 1000) * 1000;
}

/** `Content-Range` for a 206 (`bytes a-b/size`) or a 416 (`bytes *\/size`). */
export function contentRange(decision: RangeDecision, size: number): string | undefined {
  if (decision.kind === 'partial') return `bytes ${decision.start}-${decision.end}/${size}`;
  if (decision.kind === 'unsatisfiable') return `bytes */${size}`;
  return undefined;
}
