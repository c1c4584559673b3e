import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedRangeAnswer, parseContentRange, parseRange, resolveSpec } from './range-model.js';

describe('parseRange', () => {
  it.each([
    ['bytes=0-0', { kind: 'bytes', specs: [{ kind: 'int', first: 0n, last: 0n }] }],
    ['bytes=5-', { kind: 'bytes', specs: [{ kind: 'int', first: 5n, last: undefined }] }],
    ['bytes=-7', { kind: 'bytes', specs: [{ kind: 'suffix', length: 7n }] }],
    ['BYTES=1-2', { kind: 'bytes', specs: [{ kind: 'int', first: 1n, last: 2n }] }],
    [
      'bytes=0-1, 4-5',
      {
        kind: 'bytes',
        specs: [
          { kind: 'int', first: 0n, last: 1n },
          { kind: 'int', first: 4n, last: 5n },
        ],
      },
    ],
    ['items=0-5', { kind: 'other-unit', unit: 'items' }],
  ])('%s', (value, want) => {
    expect(parseRange(value)).toEqual(want);
  });

  it.each([
    'bytes',
    'bytes=',
    '=0-1',
    'bytes=abc',
    'bytes=5-2',
    'bytes=1-2-3',
    'bytes=-',
    'bytes 0-1',
    'bytes=+1-2',
    'bytes=1.5-2',
    'bytes=0x10-20',
    'bytes=-1-',
  ])('%s is invalid', (value) => {
    expect(parseRange(value).kind).toBe('invalid');
  });
});

describe('expectedRangeAnswer', () => {
  it.each([
    // [range, size, expected kind, interval]
    ['bytes=0-0', 1, 'partial', { start: 0, end: 0 }],
    ['bytes=0-', 1, 'partial', { start: 0, end: 0 }],
    ['bytes=0-', 0, 'unsatisfiable', undefined],
    ['bytes=1-', 1, 'unsatisfiable', undefined],
    ['bytes=-1', 1, 'partial', { start: 0, end: 0 }],
    ['bytes=-5', 3, 'partial', { start: 0, end: 2 }],
    ['bytes=-0', 3, 'unsatisfiable', undefined],
    ['bytes=-3', 0, 'full', undefined],
    ['bytes=2-99999999999999999999', 10, 'partial', { start: 2, end: 9 }],
    ['bytes=99999999999999999999-', 10, 'unsatisfiable', undefined],
    ['bytes=3-4', 10, 'partial', { start: 3, end: 4 }],
    ['bytes=10-20', 10, 'unsatisfiable', undefined],
    ['lines=0-1', 10, 'full', undefined],
    ['bytes=4-2', 10, 'choice', undefined],
    ['bytes=0-1,3-4', 10, 'choice', undefined],
    ['bytes=20-21,30-', 10, 'choice', undefined],
  ] as const)('%s on %i bytes -> %s', (range, size, kind, interval) => {
    const answer = expectedRangeAnswer(range, size);
    expect(answer.kind).toBe(kind);
    if (answer.kind === 'partial') expect(answer.interval).toEqual(interval);
  });

  it('a stale If-Range validator means the whole representation', () => {
    expect(expectedRangeAnswer('bytes=0-1', 10, { matches: false }).kind).toBe('full');
    expect(expectedRangeAnswer('bytes=0-1', 10, { matches: true }).kind).toBe('partial');
    expect(expectedRangeAnswer('bytes=50-', 10, { matches: false }).kind).toBe('full');
  });

  it('multi-range choices list only satisfiable intervals', () => {
    const answer = expectedRangeAnswer('bytes=0-1,50-60,-2', 10);
    expect(answer).toMatchObject({
      kind: 'choice',
      multipart: [
        { start: 0, end: 1 },
        { start: 8, end: 9 },
      ],
    });
  });
});

describe('properties of the model', () => {
  const size = fc.integer({ min: 0, max: 10_000 });
  it('a partial interval always lies inside the representation', () => {
    fc.assert(
      fc.property(size, fc.nat(20_000), fc.option(fc.nat(20_000)), (n, first, last) => {
        const header = `bytes=${first}-${last ?? ''}`;
        const answer = expectedRangeAnswer(header, n);
        if (last !== null && last < first) return answer.kind === 'choice';
        if (first >= n) return answer.kind === 'unsatisfiable';
        return (
          answer.kind === 'partial' &&
          answer.interval.start === first &&
          answer.interval.end === Math.min(last ?? n - 1, n - 1)
        );
      }),
      { seed: 42 },
    );
  });

  it('a suffix selects the last min(n, size) bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(20_000), (n, suffix) => {
        const interval = resolveSpec({ kind: 'suffix', length: BigInt(suffix) }, n);
        if (suffix === 0) return interval === undefined;
        return interval !== undefined && interval.end - interval.start + 1 === Math.min(suffix, n);
      }),
      { seed: 42 },
    );
  });
});

describe('parseContentRange', () => {
  it.each([
    ['bytes 0-9/10', { interval: { start: 0, end: 9 }, size: 10 }],
    ['bytes 0-9/*', undefined],
    ['bytes */10', undefined],
    [null, undefined],
  ])('%s', (value, want) => {
    expect(parseContentRange(value)).toEqual(want);
  });
});
