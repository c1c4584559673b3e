import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentRange, evaluateRange, type RangeDecision } from './range.js';

const ETAG = '"abc-10"';
const LAST_MODIFIED = new Date(Date.UTC(2030, 0, 1, 12, 0, 0, 789));
const LAST_MODIFIED_HTTP = 'Tue, 01 Jan 2030 12:00:00 GMT';

function decide(range: string | undefined, size: number, ifRange?: string): RangeDecision {
  return evaluateRange({ range, ifRange, size, etag: ETAG, lastModified: LAST_MODIFIED });
}

const full = { kind: 'full' } as const;
const unsatisfiable = { kind: 'unsatisfiable' } as const;
const partial = (start: number, end: number) => ({ kind: 'partial', start, end }) as const;

describe('evaluateRange: named cases', () => {
  it.each<[string, string | undefined, number, RangeDecision]>([
    ['no Range header', undefined, 10, full],
    ['first bytes', 'bytes=0-4', 10, partial(0, 4)],
    ['one byte', 'bytes=3-3', 10, partial(3, 3)],
    ['whole as a range', 'bytes=0-9', 10, partial(0, 9)],
    ['end clamped to size-1', 'bytes=5-999', 10, partial(5, 9)],
    ['open-ended', 'bytes=7-', 10, partial(7, 9)],
    ['suffix', 'bytes=-3', 10, partial(7, 9)],
    ['suffix longer than content', 'bytes=-50', 10, partial(0, 9)],
    ['unit is case-insensitive', 'BYTES=0-0', 10, partial(0, 0)],
    ['whitespace around the range-spec', 'bytes= 1-2 ', 10, partial(1, 2)],
    ['empty list elements ignored', 'bytes=,1-2,', 10, partial(1, 2)],
    ['huge last-pos clamped', 'bytes=0-99999999999999999999999', 10, partial(0, 9)],
    ['one-byte content, first byte', 'bytes=0-', 1, partial(0, 0)],
    ['one-byte content, suffix', 'bytes=-1', 1, partial(0, 0)],
    ['first-pos == size', 'bytes=10-', 10, unsatisfiable],
    ['first-pos > size', 'bytes=11-20', 10, unsatisfiable],
    ['huge first-pos', 'bytes=99999999999999999999999-', 10, unsatisfiable],
    ['suffix -0', 'bytes=-0', 10, unsatisfiable],
    ['zero-byte content, suffix ignored', 'bytes=-5', 0, full],
    ['zero-byte content, suffix -0', 'bytes=-0', 0, unsatisfiable],
    ['zero-byte content, 0-', 'bytes=0-', 0, unsatisfiable],
    ['zero-byte content, 0-0', 'bytes=0-0', 0, unsatisfiable],
    ['last-pos < first-pos is invalid', 'bytes=5-3', 10, full],
    ['multi-range ignored', 'bytes=0-1,3-4', 10, full],
    ['multi-range with an unsatisfiable part ignored', 'bytes=0-1,50-60', 10, full],
    ['other unit ignored', 'items=0-1', 10, full],
    ['missing =', 'bytes 0-1', 10, full],
    ['space before =', 'bytes =0-1', 10, full],
    ['empty range-set', 'bytes=', 10, full],
    ['lone dash', 'bytes=-', 10, full],
    ['double dash', 'bytes=--1', 10, full],
    ['three parts', 'bytes=0-1-2', 10, full],
    ['decimal', 'bytes=1.5-2', 10, full],
    ['hex', 'bytes=0x1-2', 10, full],
    ['negative first', 'bytes=-1-2', 10, full],
    ['space inside spec', 'bytes=1 -2', 10, full],
    ['text', 'bytes=first-last', 10, full],
  ])('%s: %s on %i bytes', (_name, range, size, want) => {
    expect(decide(range, size)).toEqual(want);
  });

  it.each<[string, string, RangeDecision]>([
    ['current strong ETag', ETAG, partial(0, 1)],
    ['ETag with surrounding spaces', ` ${ETAG} `, partial(0, 1)],
    ['other ETag', '"other"', full],
    ['weak version of the current ETag', `W/${ETAG}`, full],
    ['exact Last-Modified date', LAST_MODIFIED_HTTP, partial(0, 1)],
    ['a second later', 'Tue, 01 Jan 2030 12:00:01 GMT', full],
    ['a second earlier', 'Tue, 01 Jan 2030 11:59:59 GMT', full],
    ['garbage', 'yesterday', full],
  ])('If-Range %s', (_name, ifRange, want) => {
    expect(decide('bytes=0-1', 10, ifRange)).toEqual(want);
  });

  it('If-Range that does not match turns a 416 into a full 200', () => {
    expect(decide('bytes=50-', 10, '"stale"')).toEqual(full);
    expect(decide('bytes=50-', 10, ETAG)).toEqual(unsatisfiable);
  });

  it('If-Range without a usable Range is ignored', () => {
    expect(decide(undefined, 10, ETAG)).toEqual(full);
    expect(decide('bytes=5-1', 10, ETAG)).toEqual(full);
  });

  it.each<[RangeDecision, number, string | undefined]>([
    [partial(0, 0), 1, 'bytes 0-0/1'],
    [partial(5, 9), 10, 'bytes 5-9/10'],
    [unsatisfiable, 10, 'bytes */10'],
    [unsatisfiable, 0, 'bytes */0'],
    [full, 10, undefined],
  ])('contentRange(%j, %i) = %s', (decision, size, want) => {
    expect(contentRange(decision, size)).toBe(want);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based: random headers built from a structure, judged by a tiny independent model that
// never parses text (it reads the structure the header was generated from).

type Spec =
  | { kind: 'int'; first: bigint; last: bigint }
  | { kind: 'open'; first: bigint }
  | { kind: 'suffix'; length: bigint };

type Header =
  | {
      kind: 'single';
      spec: Spec;
      unit: string;
      before: string;
      after: string;
      trailingComma: boolean;
    }
  | { kind: 'multi'; specs: Spec[] }
  | { kind: 'otherUnit'; spec: Spec; unit: string }
  | { kind: 'malformed'; text: string };

type IfRange = { kind: 'none' | 'current' | 'stale' | 'weak' | 'date' | 'otherDate' | 'garbage' };

function renderSpec(spec: Spec): string {
  if (spec.kind === 'int') return `${spec.first}-${spec.last}`;
  if (spec.kind === 'open') return `${spec.first}-`;
  return `-${spec.length}`;
}

function renderHeader(header: Header): string {
  switch (header.kind) {
    case 'single':
      return `${header.unit}=${header.before}${renderSpec(header.spec)}${header.after}${header.trailingComma ? ', ' : ''}`;
    case 'multi':
      return `bytes=${header.specs.map(renderSpec).join(', ')}`;
    case 'otherUnit':
      return `${header.unit}=${renderSpec(header.spec)}`;
    case 'malformed':
      return header.text;
  }
}

function renderIfRange(ifRange: IfRange): string | undefined {
  return {
    none: undefined,
    current: ETAG,
    stale: '"stale-etag"',
    weak: `W/${ETAG}`,
    date: LAST_MODIFIED_HTTP,
    otherDate: 'Wed, 02 Jan 2030 12:00:00 GMT',
    garbage: 'not a validator',
  }[ifRange.kind];
}

/** The spec's TempContentsGet rules, written from the structure alone. */
function model(header: Header, sizeNumber: number, ifRange: IfRange): RangeDecision {
  if (header.kind !== 'single') return full;
  const { spec } = header;
  if (spec.kind === 'int' && spec.last < spec.first) return full;
  if (!['none', 'current', 'date'].includes(ifRange.kind)) return full;
  const size = BigInt(sizeNumber);
  const last = size - 1n;
  if (spec.kind === 'suffix') {
    if (spec.length === 0n) return unsatisfiable;
    if (size === 0n) return full;
    const start = spec.length >= size ? 0n : size - spec.length;
    return partial(Number(start), Number(last));
  }
  if (spec.first >= size) return unsatisfiable;
  const end = spec.kind === 'open' || spec.last > last ? last : spec.last;
  return partial(Number(spec.first), Number(end));
}

const size = fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 2, max: 5000 }));
const position = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 6000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 30n }) },
);
const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ kind: fc.constant('int' as const), first: position, last: position }),
  fc.record({ kind: fc.constant('open' as const), first: position }),
  fc.record({ kind: fc.constant('suffix' as const), length: position }),
);
const ows = fc.constantFrom('', ' ', '\t', '  ');
const header: fc.Arbitrary<Header> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('single' as const),
      spec,
      unit: fc.constantFrom('bytes', 'Bytes', 'BYTES'),
      before: ows,
      after: ows,
      trailingComma: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('multi' as const),
      specs: fc.array(spec, { minLength: 2, maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('otherUnit' as const),
      spec,
      unit: fc.constantFrom('items', 'byte', 'bits', 'none'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('malformed' as const),
      text: fc.constantFrom(
        'bytes=',
        'bytes',
        'bytes=-',
        'bytes=--1',
        'bytes 0-1',
        'bytes =0-1',
        'bytes=0-1-2',
        'bytes=1.5-2',
        'bytes=0x1-2',
        'bytes=a-b',
        'bytes=-1-2',
        'bytes=1 -2',
        '=0-1',
        '0-1',
        'bytes=0-1;2-3',
        'bytes=+1-2',
        'bytes=1-+2',
        'bytes=٣-٤',
        '',
      ),
    }),
  },
);
const ifRange: fc.Arbitrary<IfRange> = fc.record({
  kind: fc.constantFrom(
    'none',
    'none',
    'none',
    'current',
    'stale',
    'weak',
    'date',
    'otherDate',
    'garbage',
  ),
});

describe('evaluateRange: property-based against the reference model', () => {
  it('agrees with the model on generated headers, sizes and validators', () => {
    fc.assert(
      fc.property(header, size, ifRange, (h, n, ir) => {
        expect(decide(renderHeader(h), n, renderIfRange(ir))).toEqual(model(h, n, ir));
      }),
      { numRuns: 5000 },
    );
  });

  it('never selects bytes outside the content, whatever the header text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `bytes=${s}`),
        ),
        size,
        (text, n) => {
          const decision = decide(text, n);
          if (decision.kind === 'partial') {
            expect(decision.start).toBeGreaterThanOrEqual(0);
            expect(decision.start).toBeLessThanOrEqual(decision.end);
            expect(decision.end).toBeLessThan(n);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a 206 length always equals end - start + 1 and matches Content-Range', () => {
    fc.assert(
      fc.property(spec, size, (s, n) => {
        const decision = decide(`bytes=${renderSpec(s)}`, n);
        const range = contentRange(decision, n);
        if (decision.kind === 'partial') {
          expect(range).toBe(`bytes ${decision.start}-${decision.end}/${n}`);
        } else if (decision.kind === 'unsatisfiable') {
          expect(range).toBe(`bytes */${n}`);
        }
      }),
    );
  });
});
