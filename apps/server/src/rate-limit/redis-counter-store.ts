import { Redis } from 'ioredis';
import { type RateLimitCounterStore, windowEnd } from './counter-store.js';

/** One round trip: count the hit, and give a new window's key a lifetime on its first hit. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/**
 * Fixed-window counters in Redis, shared by every replica, so a tenant's limit holds across
 * the deployment rather than per process. Windows are aligned to multiples of their length as
 * in MemoryCounterStore; each window has its own key, which Redis drops after the window ends.
 */
export class RedisCounterStore implements RateLimitCounterStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: { redisUrl: string; keyPrefix?: string }) {
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5000 });
    this.redis.on('error', () => undefined); // surfaced by the failing command
    this.prefix = `${options.keyPrefix ?? 'tc:'}rl:`;
  }

  async hit(key: string, windowMs: number, now: number) {
    const resetAt = windowEnd(windowMs, now);
    // The lifetime is relative: `now` is the caller's clock, which need not be Redis's.
    const ttlMs = resetAt - now + 1000;
    const count = Number(
      await this.redis.eval(HIT, 1, this.windowKey(key, windowMs, resetAt), ttlMs),
    );
    return { count, resetAt };
  }

  async peek(key: string, windowMs: number, now: number) {
    return Number(
      (await this.redis.get(this.windowKey(key, windowMs, windowEnd(windowMs, now)))) ?? 0,
    );
  }

  private windowKey(key: string, windowMs: number, resetAt: number): string {
    return `${this.prefix}${windowMs}:${resetAt}:${key}`;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
