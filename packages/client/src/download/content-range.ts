/** `Content-Range` of a 206 (`bytes a-b/size`) or a 416 (`bytes *\/size`), RFC 9110 §14.4. */
export interface ContentRange {
  /** First byte sent; undefined for the unsatisfied form `bytes *\/size`. */
  start: number | undefined;
  /** Last byte sent (inclusive); undefined for the unsatisfied form. */
  end: number | undefined;
  /** Complete length of the content; undefined when the server sent `*`. */
  size: number | undefined;
}

const SATISFIED = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;
const UNSATISFIED = /^bytes \*\/(\d+)$/;

/** Parses a `Content-Range` value; undefined when absent or malformed. */
export function parseContentRange(value: string | null | undefined): ContentRange | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const satisfied = SATISFIED.exec(text);
  if (satisfied) {
    const start = Number(satisfied[1]);
    const end = Number(satisfied[2]);
    const size = satisfied[3] === '*' ? undefined : Number(satisfied[3]);
    if (end < start || (size !== undefined && end >= size)) return undefined;
    return { start, end, size };
  }
  const unsatisfied = UNSATISFIED.exec(text);
  if (unsatisfied) return { start: undefined, end: undefined, size: Number(unsatisfied[1]) };
  return undefined;
}

/** A byte range to request: `[start, end]` inclusive, `{ start }` open-ended, or `{ suffix }`. */
export type ByteRange =
  | { start: number; end?: number | undefined }
  | { suffix: number }
  /** A literal `Range` value, e.g. `bytes=0-99`, sent as is. */
  | string;

/** The `Range` header for `range`, RFC 9110 §14.1.2 byte-range syntax. */
export function formatRange(range: ByteRange): string {
  if (typeof range === 'string') return range;
  if ('suffix' in range) return `bytes=-${range.suffix}`;
  return `bytes=${range.start}-${range.end ?? ''}`;
}

/** Parses the CLI's `a-b`, `a-` and `-n` forms (also accepted with a `bytes=` prefix). */
export function parseRangeArgument(text: string): ByteRange | undefined {
  const match = /^(?:bytes=)?(\d*)-(\d*)$/.exec(text.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') return { suffix: Number(last) };
  const start = Number(first);
  if (last === '') return { start };
  const end = Number(last);
  return end < start ? undefined : { start, end };
}
