import { describe, expect, it } from 'vitest';
import { MemoryCounterStore } from './counter-store.js';

describe('MemoryCounterStore', () => {
  it('counts per key within a fixed window and starts over in the next one', async () => {
    const store = new MemoryCounterStore();
    expect(await store.hit('a', 1000, 10_000)).toEqual({ count: 1, resetAt: 11_000 });
    expect(await store.hit('a', 1000, 10_999)).toEqual({ count: 2, resetAt: 11_000 });
    expect(await store.hit('b', 1000, 10_500)).toEqual({ count: 1, resetAt: 11_000 });
    expect(await store.hit('a', 1000, 11_000)).toEqual({ count: 1, resetAt: 12_000 });
  });
});
