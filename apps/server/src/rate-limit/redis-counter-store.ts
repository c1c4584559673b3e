import { Redis } from 'ioredis';
import { type RateLimitCounterStore, windowEnd } from './counter-store.js';

/**
 * One round trip per hit: count it, and give a new window's key its lifetime on the first hit.
 * KEYS[1] the window's key; ARGV[1] its lifetime in ms. Returns the count.
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/**
 * How long a window's key outlives the window's end. Replicas' clocks differ by a little, and a
 * test's injected clock by any amount from Redis's: a key dropped while some caller still counts
 * in its window would restart that window's count.
 */
const KEEP_AFTER_WINDOW_MS = 60_000;

/**
 * Either a URL, and the store opens its connection itself, or `connect`, returning a NEW
 * connection. Either way the store owns it and `close()` quits it.
 */
export type RedisCounterStoreOptions = { keyPrefix?: string } & (
  | { redisUrl: string; connect?: undefined }
  | { connect: () => Redis; redisUrl?: undefined }
);

/**
 * Fixed-window counters in Redis, shared by every replica, so a tenant's limit holds across the
 * deployment rather than per process. Windows are aligned to multiples of their length as in
 * MemoryCounterStore, and each has its own key (`<prefix>rl:<windowMs>:<windowEnd>:<key>`),
 * which Redis drops a while after the window ends. A key counted with one window length
 * throughout (as the rate-limit plugin does) gets the same answers as from MemoryCounterStore.
 */
export class RedisCounterStore implements RateLimitCounterStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: RedisCounterStoreOptions) {
    const { connect, redisUrl } = options;
    if (connect !== undefined) this.redis = connect();
    else if (redisUrl !== undefined) {
      this.redis = new Redis(redisUrl, {
        connectionName: 'tc-rate-limit',
        maxRetriesPerRequest: 1,
        connectTimeout: 5000,
      });
    } else throw new Error('RedisCounterStore: give redisUrl or connect');
    // Without a listener ioredis rethrows connection errors; the failing command reports them.
    this.redis.on('error', () => undefined);
    this.prefix = `${options.keyPrefix ?? 'tc:'}rl:`;
  }

  async hit(key: string, windowMs: number, now: number) {
    const resetAt = windowEnd(windowMs, now);
    // A lifetime, not PEXPIREAT: `now` is the caller's clock, which need not be Redis's.
    const lifetimeMs = resetAt - now + KEEP_AFTER_WINDOW_MS;
    const count = await this.redis.eval(HIT, 1, this.windowKey(key, windowMs, resetAt), lifetimeMs);
    return { count: Number(count), resetAt };
  }

  async peek(key: string, windowMs: number, now: number) {
    const count = await this.redis.get(this.windowKey(key, windowMs, windowEnd(windowMs, now)));
    return Number(count ?? 0);
  }

  /** Quits the connection after its pending commands. */
  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private windowKey(key: string, windowMs: number, resetAt: number): string {
    return `${this.prefix}${windowMs}:${resetAt}:${key}`;
  }
}
