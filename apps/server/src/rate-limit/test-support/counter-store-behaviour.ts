import { describe, expect, it } from 'vitest';
import type { RateLimitCounterStore } from '../counter-store.js';

/** Hits and the answers every counter store gives them, in order, on a fresh store. */
const CASES: [string, { hits: [key: string, windowMs: number, now: number][]; want: object[] }][] =
  [
    [
      'counts per key within a fixed window and starts over in the next one',
      {
        hits: [
          ['a', 1000, 10_000],
          ['a', 1000, 10_999],
          ['b', 1000, 10_500],
          ['a', 1000, 11_000],
        ],
        want: [
          { count: 1, resetAt: 11_000 },
          { count: 2, resetAt: 11_000 },
          { count: 1, resetAt: 11_000 },
          { count: 1, resetAt: 12_000 },
        ],
      },
    ],
    [
      'aligns windows to multiples of their length',
      {
        hits: [
          ['k', 60_000, 1_700_000_030_000],
          ['k', 60_000, 1_700_000_039_999],
        ],
        want: [
          { count: 1, resetAt: 1_700_000_040_000 },
          { count: 2, resetAt: 1_700_000_040_000 },
        ],
      },
    ],
    [
      'counts from the first window (time 0) on',
      {
        hits: [
          ['z', 1000, 0],
          ['z', 1000, 999],
        ],
        want: [
          { count: 1, resetAt: 1000 },
          { count: 2, resetAt: 1000 },
        ],
      },
    ],
    [
      'starts over at one after windows without hits',
      {
        hits: [
          ['idle', 1000, 1000],
          ['idle', 1000, 1001],
          ['idle', 1000, 5500],
        ],
        want: [
          { count: 1, resetAt: 2000 },
          { count: 2, resetAt: 2000 },
          { count: 1, resetAt: 6000 },
        ],
      },
    ],
    [
      'keeps keys apart that differ only in their end, and keys of other window lengths',
      {
        hits: [
          ['["1","acme","alice"]', 60_000, 59_999],
          ['["1","acme","alice2"]', 60_000, 59_999],
          ['["2","acme","alice"]', 1000, 59_999],
          ['["1","acme","alice"]', 60_000, 59_999],
        ],
        want: [
          { count: 1, resetAt: 60_000 },
          { count: 1, resetAt: 60_000 },
          { count: 1, resetAt: 60_000 },
          { count: 2, resetAt: 60_000 },
        ],
      },
    ],
    [
      'counts past the limit the plugin checks (no cap in the store)',
      {
        hits: Array.from({ length: 5 }, (_, i): [string, number, number] => ['over', 10, 20 + i]),
        want: [1, 2, 3, 4, 5].map((count) => ({ count, resetAt: 30 })),
      },
    ],
  ];

/** The behaviour every RateLimitCounterStore has; each backend's test file calls it. */
export function describeCounterStore(
  backend: string,
  open: () => Promise<RateLimitCounterStore & { close?(): Promise<void> }>,
): void {
  describe(`RateLimitCounterStore behaviour: ${backend}`, () => {
    it.each(CASES)('%s', async (_name, { hits, want }) => {
      const store = await open();
      try {
        const got = [];
        for (const [key, windowMs, now] of hits) got.push(await store.hit(key, windowMs, now));
        expect(got).toEqual(want);
      } finally {
        await store.close?.();
      }
    });

    it('peeks at a count without counting, per window', async () => {
      const store = await open();
      try {
        expect(await store.peek('p', 1000, 10_000)).toBe(0);
        await store.hit('p', 1000, 10_000);
        await store.hit('p', 1000, 10_500);
        expect(await store.peek('p', 1000, 10_900)).toBe(2);
        expect(await store.peek('p', 1000, 10_900)).toBe(2);
        expect(await store.peek('p', 1000, 11_000)).toBe(0);
        expect(await store.peek('other', 1000, 10_900)).toBe(0);
      } finally {
        await store.close?.();
      }
    });

    it('counts concurrent hits exactly', async () => {
      const store = await open();
      try {
        const answers = await Promise.all(
          Array.from({ length: 50 }, () => store.hit('burst', 60_000, 120_000)),
        );
        expect(answers.map((a) => a.count).sort((x, y) => x - y)).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
      } finally {
        await store.close?.();
      }
    });
  });
}
