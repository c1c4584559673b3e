/**
 * A reference model of byte-range requests (RFC 9110 §14), used as the oracle of the range suite.
 *
 * Given a `Range` header and a representation size, it says every answer a conforming server may
 * give. Where RFC 9110 leaves a choice (a server MAY ignore `Range`, MAY reject an invalid one,
 * MAY answer a multi-range request with one `multipart/byteranges` 206 or ignore it), all the
 * allowed answers are listed and the suite records which one the target chose. Where our spec is
 * stricter than the RFC (a single satisfiable range MUST be served with 206, an unsatisfiable one
 * MUST be 416), the model follows the spec.
 *
 * Positions are bigint: `bytes=0-99999999999999999999` is valid and must clamp, not overflow.
 */

/** One range-spec of a byte-range-set (RFC 9110 §14.1.1). */
export type RangeSpec =
  | { kind: 'int'; first: bigint; last: bigint | undefined }
  | { kind: 'suffix'; length: bigint };

export type ParsedRange =
  | { kind: 'bytes'; specs: RangeSpec[] }
  /** A syntactically valid ranges-specifier in another unit: MUST be ignored (§14.2). */
  | { kind: 'other-unit'; unit: string }
  /** Not a valid ranges-specifier: a server MAY ignore or reject it (§14.2). */
  | { kind: 'invalid'; reason: string };

/** An inclusive byte interval of the representation. */
export interface ByteInterval {
  start: number;
  end: number;
}

export type Expected =
  /** Exactly one 206 with this interval (a single satisfiable range). */
  | { kind: 'partial'; interval: ByteInterval }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }
  /** 200 with the whole representation (`Range` ignored). */
  | { kind: 'full'; why: string }
  /**
   * An RFC choice: 200 (ignore), or, when `rejectAllowed`, 416 (reject an invalid specifier), or,
   * when `multipart` holds the satisfiable intervals, a 206 covering only those bytes.
   */
  | {
      kind: 'choice';
      why: string;
      rejectAllowed: boolean;
      multipart: ByteInterval[] | undefined;
    };

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DIGITS = /^[0-9]+$/;

/** Parse a `Range` field value by the RFC 9110 §14.1.1/§14.2 grammar. */
export function parseRange(value: string): ParsedRange {
  const eq = value.indexOf('=');
  if (eq <= 0) return { kind: 'invalid', reason: 'no range-unit "=" range-set' };
  const unit = value.slice(0, eq);
  if (!TCHAR.test(unit)) return { kind: 'invalid', reason: 'range-unit is not a token' };
  const set = value.slice(eq + 1);
  // Range units are case-insensitive (§14.1).
  if (unit.toLowerCase() !== 'bytes') {
    return set.length > 0
      ? { kind: 'other-unit', unit }
      : { kind: 'invalid', reason: 'empty range-set' };
  }
  // 1#range-spec: elements separated by OWS "," OWS; recipients ignore empty elements (§5.6.1.2).
  const elements = set.split(/[ \t]*,[ \t]*/).filter((element) => element.length > 0);
  if (elements.length === 0) return { kind: 'invalid', reason: 'empty range-set' };
  const specs: RangeSpec[] = [];
  for (const element of elements) {
    const dash = element.indexOf('-');
    if (dash < 0) return { kind: 'invalid', reason: `"${element}" has no "-"` };
    const left = element.slice(0, dash);
    const right = element.slice(dash + 1);
    if (left === '') {
      if (!DIGITS.test(right)) return { kind: 'invalid', reason: `bad suffix-length "${right}"` };
      specs.push({ kind: 'suffix', length: BigInt(right) });
      continue;
    }
    if (!DIGITS.test(left)) return { kind: 'invalid', reason: `bad first-pos "${left}"` };
    if (right !== '' && !DIGITS.test(right)) {
      return { kind: 'invalid', reason: `bad last-pos "${right}"` };
    }
    const first = BigInt(left);
    const last = right === '' ? undefined : BigInt(right);
    // "A byte-range-spec is invalid if the last-pos value is present and less than the
    // first-pos." (§14.1.1)
    if (last !== undefined && last < first) {
      return { kind: 'invalid', reason: `last-pos < first-pos in "${element}"` };
    }
    specs.push({ kind: 'int', first, last });
  }
  return { kind: 'bytes', specs };
}

/**
 * The interval a range-spec selects in a representation of `size` bytes, or undefined when it is
 * unsatisfiable (§14.1.2: first-pos at or past the end, or a zero suffix-length).
 */
export function resolveSpec(spec: RangeSpec, size: number): ByteInterval | undefined {
  const total = BigInt(size);
  if (spec.kind === 'int') {
    if (spec.first >= total) return undefined;
    const last = spec.last === undefined || spec.last >= total ? total - 1n : spec.last;
    return { start: Number(spec.first), end: Number(last) };
  }
  if (spec.length === 0n || total === 0n) return undefined;
  const start = spec.length >= total ? 0n : total - spec.length;
  return { start: Number(start), end: size - 1 };
}

/** What a conforming server may answer to `GET` with this `Range` (and optional `If-Range`). */
export function expectedRangeAnswer(
  rangeValue: string,
  size: number,
  ifRange?: { matches: boolean },
): Expected {
  // "A server MUST ignore an If-Range header field received in a request that does not contain
  // a Range header field" (§13.1.5); when it does and the validator does not match, the server
  // sends the whole representation (200) instead of the range.
  if (ifRange && !ifRange.matches) {
    return { kind: 'full', why: 'If-Range validator does not match: Range ignored (§13.1.5)' };
  }
  const parsed = parseRange(rangeValue);
  if (parsed.kind === 'other-unit') {
    return { kind: 'full', why: `unit "${parsed.unit}" is not understood: MUST ignore (§14.2)` };
  }
  if (parsed.kind === 'invalid') {
    return {
      kind: 'choice',
      why: `invalid ranges-specifier (${parsed.reason}): MAY ignore or reject (§14.2)`,
      rejectAllowed: true,
      multipart: undefined,
    };
  }
  const intervals = parsed.specs
    .map((spec) => resolveSpec(spec, size))
    .filter((interval): interval is ByteInterval => interval !== undefined);
  if (parsed.specs.length > 1) {
    if (intervals.length === 0) {
      // "SHOULD send 416" (§15.5.17), yet a server MAY ignore Range (§14.2), as our spec does for
      // every multi-range request.
      return {
        kind: 'choice',
        why: 'multiple ranges, none satisfiable: 416, or ignored (200) (§14.2, §15.5.17)',
        rejectAllowed: true,
        multipart: undefined,
      };
    }
    return {
      kind: 'choice',
      why: 'multiple ranges: MAY ignore (200) or send multipart/byteranges (§14.6)',
      rejectAllowed: false,
      multipart: intervals,
    };
  }
  const [only] = parsed.specs;
  if (only?.kind === 'suffix' && only.length > 0n && size === 0) {
    // §14.1.3 calls a non-zero suffix satisfiable on an empty representation, yet no
    // Content-Range can describe zero bytes; the only sound answer is to ignore Range (200).
    return { kind: 'full', why: 'non-zero suffix on an empty representation: Range ignored' };
  }
  const [interval] = intervals;
  return interval === undefined ? { kind: 'unsatisfiable' } : { kind: 'partial', interval };
}

/** `Content-Range` of a 206 (§14.4): `bytes first-last/complete-length`. */
export function contentRangeOf(interval: ByteInterval, size: number): string {
  return `bytes ${interval.start}-${interval.end}/${size}`;
}

/** `Content-Range` of a 416 (§15.5.17): `bytes *\/complete-length`. */
export function unsatisfiedContentRange(size: number): string {
  return `bytes */${size}`;
}

/** Parse `bytes a-b/n` (206) into numbers; undefined when it does not have that shape. */
export function parseContentRange(
  value: string | null,
): { interval: ByteInterval; size: number } | undefined {
  const match = /^bytes ([0-9]+)-([0-9]+)\/([0-9]+)$/.exec(value ?? '');
  if (!match) return undefined;
  return {
    interval: { start: Number(match[1]), end: Number(match[2]) },
    size: Number(match[3]),
  };
}
