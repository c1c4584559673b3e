import { describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from './target-http.js';

describe('rateLimitWaitMs', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  it.each<[string | null, number]>([
    ['5', 5000],
    [' 12 ', 12_000],
    ['0', 1000],
    ['3600', 60_000],
    [null, 1000],
    ['soon', 1000],
    ['Fri, 27 Nov 2026 10:00:20 GMT', 20_000],
    ['Fri, 27 Nov 2026 09:59:00 GMT', 1000],
  ])('Retry-After %j -> %d ms', (header, ms) => {
    expect(rateLimitWaitMs(header, now)).toBe(ms);
  });
});
