/** Where fixed-window counters live; in memory here, Redis for scale-out replicas later. */
export interface RateLimitCounterStore {
  /** Counts one request for `key` in the window containing `now`; returns the count so far. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
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
    const resetAt = (Math.floor(now / windowMs) + 1) * windowMs;
    let entry = this.windows.get(key);
    if (entry === undefined || entry.resetAt !== resetAt) {
      entry = { resetAt, count: 0 };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetAt };
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
    this.nextPrune = now + windowMs;
  }
}
