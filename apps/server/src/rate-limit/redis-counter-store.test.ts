import { type RunningRedis, startRedis } from '@temp-contents/stack';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisCounterStore } from './redis-counter-store.js';
import { describeCounterStore } from './test-support/counter-store-behaviour.js';

let redis: RunningRedis;
let n = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const open = async () => {
  n += 1;
  return new RedisCounterStore({ redisUrl: redis.url, keyPrefix: `t${n}:` });
};

describeCounterStore('Redis', open);

it('shares counts between replicas (two stores on one Redis and prefix)', async () => {
  const a = new RedisCounterStore({ redisUrl: redis.url, keyPrefix: 'shared:' });
  const b = new RedisCounterStore({ redisUrl: redis.url, keyPrefix: 'shared:' });
  try {
    expect((await a.hit('tenant', 60_000, 1000)).count).toBe(1);
    expect((await b.hit('tenant', 60_000, 2000)).count).toBe(2);
    expect((await a.hit('tenant', 60_000, 3000)).count).toBe(3);
  } finally {
    await a.close();
    await b.close();
  }
});
