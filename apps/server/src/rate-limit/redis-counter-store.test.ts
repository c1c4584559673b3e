import { type RunningRedis, startRedis } from '@temp-contents/stack';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCounterStore } from './redis-counter-store.js';
import { describeCounterStore } from './test-support/counter-store-behaviour.js';

let redis: RunningRedis;
let admin: Redis;
let n = 0;
beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url);
});
afterAll(async () => {
  await admin?.quit();
  await redis?.stop();
});

// Each store of the shared suite counts under a prefix of its own: a fresh store.
describeCounterStore('Redis', async () => {
  n += 1;
  return new RedisCounterStore({ redisUrl: redis.url, keyPrefix: `t${n}:` });
});

describe('RedisCounterStore on Redis', () => {
  it('shares counts between replicas (two stores on one Redis and prefix)', async () => {
    const a = new RedisCounterStore({ redisUrl: redis.url, keyPrefix: 'shared:' });
    const b = new RedisCounterStore({ redisUrl: redis.url, keyPrefix: 'shared:' });
    try {
      expect((await a.hit('tenant', 60_000, 1000)).count).toBe(1);
      expect((await b.hit('tenant', 60_000, 2000)).count).toBe(2);
      expect((await a.hit('tenant', 60_000, 3000)).count).toBe(3);
      expect(await b.peek('tenant', 60_000, 4000)).toBe(3);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps one key per window under tc:rl:, which Redis drops after the window', async () => {
    const store = new RedisCounterStore({ redisUrl: redis.url });
    try {
      await store.hit('k', 1000, 10_250);
      await store.hit('k', 1000, 10_500);
      expect(await admin.keys('tc:rl:*')).toEqual(['tc:rl:1000:11000:k']);
      // Its lifetime: the rest of the window (750 ms from the first hit) and a minute of slack.
      const ttl = await admin.pttl('tc:rl:1000:11000:k');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_750);
    } finally {
      await store.close();
    }
  });

  it('works on a connection from a factory, and quits it on close', async () => {
    let connection: Redis | undefined;
    const store = new RedisCounterStore({
      keyPrefix: 'factory:',
      connect: () => {
        connection = new Redis(redis.url);
        return connection;
      },
    });
    expect((await store.hit('f', 1000, 0)).count).toBe(1);
    await store.close();
    await expect.poll(() => connection?.status, { timeout: 20_000 }).toBe('end');
  });
});
