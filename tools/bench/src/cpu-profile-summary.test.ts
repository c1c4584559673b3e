import { describe, expect, it } from 'vitest';
import {
  type CpuProfile,
  formatProfileSummary,
  moduleOf,
  type Share,
  summarizeProfile,
} from './cpu-profile-summary.js';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 9 });
const FASTIFY = 'file:///r/node_modules/.pnpm/fastify@5.6.0/node_modules/fastify/lib/route.js';
const OURS = 'file:///r/apps/server/dist/storage/sqlite-metadata-index.js';

// root -> handler (fastify) -> insert (ours); root -> (idle); root -> (garbage collector)
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4, 5] },
    { id: 2, callFrame: frame('handler', FASTIFY), children: [3] },
    { id: 3, callFrame: frame('insert', OURS) },
    { id: 4, callFrame: frame('(idle)') },
    { id: 5, callFrame: frame('(garbage collector)') },
  ],
  samples: [3, 3, 3, 2, 4, 4, 4, 4, 5, 5],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
};

describe('summarizeProfile', () => {
  it('splits the time into idle, garbage collection, functions and packages', () => {
    const summary = summarizeProfile(PROFILE);
    expect(summary.seconds).toBeCloseTo(0.001);
    expect(summary.idle).toBeCloseTo(0.4);
    expect(summary.garbageCollection).toBeCloseTo(0.2);
    const rounded = (shares: Share[]) =>
      shares.map(({ name, share }) => ({ name, share: Math.round(share * 1000) / 1000 }));
    expect(rounded(summary.topFunctions)).toEqual([
      { name: 'insert (storage/sqlite-metadata-index.js:10)', share: 0.3 },
      { name: 'handler (fastify lib/route.js:10)', share: 0.1 },
    ]);
    // Time inside a package counts what it calls: fastify 40% (its 10% and ours 30%).
    expect(rounded(summary.topModules)).toEqual([
      { name: 'fastify', share: 0.4 },
      { name: 'server: storage', share: 0.3 },
    ]);
  });

  it('keeps only a window before the end when asked (the run, not start-up or stop)', () => {
    // From 0.0005 s to 0.0001 s before the end: the samples [4, 4, 4, 5], idle 3/4, GC 1/4.
    const summary = summarizeProfile(PROFILE, { window: { fromEnd: 0.0005, toEnd: 0.0001 } });
    expect(summary.seconds).toBeCloseTo(0.0004);
    expect(summary.idle).toBeCloseTo(3 / 4);
    expect(summary.garbageCollection).toBeCloseTo(1 / 4);
    expect(summary.topFunctions).toEqual([]);
  });

  it('prints a markdown table under a line of totals', () => {
    const text = formatProfileSummary(summarizeProfile(PROFILE));
    expect(text).toContain('event loop idle 40.0%, garbage collection 20.0%');
    expect(text).toContain(
      '| 30.0% | insert (storage/sqlite-metadata-index.js:10) | 40.0% | fastify |',
    );
  });
});

describe('moduleOf', () => {
  it.each([
    [FASTIFY, 'fastify'],
    [
      'file:///r/node_modules/.pnpm/@tus+server@2.4.5/node_modules/@tus/server/dist/a.js',
      '@tus/server',
    ],
    ['node:internal/fs/promises', 'node:internal'],
    [OURS, 'server: storage'],
    ['', undefined],
  ])('%s -> %s', (url, module) => {
    expect(moduleOf(url)).toBe(module);
  });
});
