/** Where fixed-window counters live; in memory here, Redis for scale-out replicas later. */
export interface RateLimitCounterStore {
  /** Counts one request for `key` in the window containing `now`; returns the count so far. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
  /** The count of `key` in the window containing `now`, without counting a hit. */
  peek(key: string, windowMs: number, now: number): Promise<number>;
}

/** The end of the fixed window of length `windowMs` that contains `now`. */
export function windowEnd(windowMs: number, now: number): number {
  return (Math.floor(now / windowMs) + 1) * windowMs;
}

/**
 * Fixed windows aligned to multiples of `windowMs`. Entries of past windows are dropped
 * lazily, so memory stays proportional to the callers active in the current window.
 */
export class MemoryCounterStore implements RateLimitCounterStore {
  private readonly windows = new Map<string, { resetAt: number; count: number }>();
  private nextPrune = 0;

  async hit(key: string, windowMs: number, now: number) {
    if (now >= this.nextPrune) this.prune(now, windowMs);
    const resetAt = windowEnd(windowMs, now);
    let entry = this.windows.get(key);
    if (entry === undefined || entry.resetAt !== resetAt) {
      entry = { resetAt, count: 0 };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetAt };
  }

  async peek(key: string, windowMs: number, now: number) {
    const entry = this.windows.get(key);
    return entry !== undefined && entry.resetAt === windowEnd(windowMs, now) ? entry.count : 0;
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
    this.nextPrune = now + windowMs;
  }
}
