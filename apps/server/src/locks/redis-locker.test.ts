import { spawn } from 'node:child_process';
import path from 'node:path';
import { type RunningRedis, startRedis } from '@temp-contents/stack';
import { ERRORS } from '@tus/utils';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, PACKAGE_DIR } from '../test-support/server-process.js';
import { RedisLocker, type RedisLockerOptions } from './redis-locker.js';

/**
 * The cross-replica locker against a real Redis. Each "replica" is a RedisLocker with its own
 * connections; the last test holds a lock in another process and SIGKILLs it.
 */

let redis: RunningRedis;
let prefix = 0;
const lockers: RedisLocker[] = [];
const replica = (options: Partial<RedisLockerOptions> = {}, shared = `p${prefix}:`) => {
  const locker = new RedisLocker({ redisUrl: redis.url, keyPrefix: shared, ...options });
  lockers.push(locker);
  return locker;
};
const never = () => new AbortController().signal;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const locker of lockers.splice(0)) await locker.close();
  prefix += 1;
});

describe('RedisLocker', () => {
  it('lets one replica hold a lock; another asks it to let go and takes over when it does', async () => {
    const a = replica();
    const b = replica({ acquireTimeoutMs: 10_000 });
    const held = a.newLock('upload-1');
    let asked = 0;
    const holderDone = new Promise<void>((resolve) => {
      void held.lock(never(), async () => {
        asked += 1;
        if (asked === 1) {
          await held.unlock();
          resolve();
        }
      });
    });
    await expect.poll(() => redisGet(`p${prefix}:lock:upload-1`)).not.toBeNull();
    const waiter = b.newLock('upload-1');
    await waiter.lock(never(), () => undefined);
    await holderDone;
    expect(asked).toBeGreaterThanOrEqual(1);
    await waiter.unlock();
    expect(await redisGet(`p${prefix}:lock:upload-1`)).toBeNull();
  });

  it('fails with ERR_LOCK_TIMEOUT after acquireTimeoutMs when the holder does not let go', async () => {
    const a = replica();
    const b = replica({ acquireTimeoutMs: 300 });
    await a.newLock('stubborn').lock(never(), () => undefined);
    const started = Date.now();
    await expect(b.newLock('stubborn').lock(never(), () => undefined)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('stops waiting when the request is aborted', async () => {
    const a = replica();
    const b = replica({ acquireTimeoutMs: 30_000 });
    await a.newLock('busy').lock(never(), () => undefined);
    const abort = new AbortController();
    const waiting = b.newLock('busy').lock(abort.signal, () => undefined);
    setTimeout(() => abort.abort(), 100);
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
  });

  it('never releases a lock another holder took after its lease lapsed, and tells the old holder', async () => {
    const lost: string[] = [];
    const a = replica({ leaseMs: 300, onLost: (id) => lost.push(id) });
    const b = replica({ acquireTimeoutMs: 5000 });
    const old = a.newLock('lapsed');
    let stopAsked = false;
    await old.lock(never(), () => {
      stopAsked = true;
    });
    // The lease lapses as if the holder had stalled past it, and b takes the lock.
    await redisDel(`p${prefix}:lock:lapsed`);
    await b.newLock('lapsed').lock(never(), () => undefined);
    await expect.poll(() => lost, { timeout: 5000 }).toEqual(['lapsed']);
    expect(stopAsked).toBe(true);
    await old.unlock();
    expect(await redisGet(`p${prefix}:lock:lapsed`)).not.toBeNull();
  });

  it('renews a held lock past its lease while the holder lives', async () => {
    const a = replica({ leaseMs: 300 });
    const b = replica({ acquireTimeoutMs: 1200 });
    await a.newLock('long').lock(never(), () => undefined);
    await expect(b.newLock('long').lock(never(), () => undefined)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
  });

  it("reclaims a SIGKILLed replica's lock once its lease lapses", async () => {
    ensureServerBuilt();
    const keyPrefix = `p${prefix}:`;
    const module = path.join(PACKAGE_DIR, 'dist', 'locks', 'redis-locker.js');
    const script = `
      const { RedisLocker } = await import(${JSON.stringify(module)});
      const locker = new RedisLocker({ redisUrl: ${JSON.stringify(redis.url)}, keyPrefix: ${JSON.stringify(keyPrefix)}, leaseMs: 1000 });
      await locker.newLock('orphan').lock(new AbortController().signal, () => {});
      console.log('locked');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (data: Buffer) => {
          if (data.toString().includes('locked')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      // Alive, it renews: nobody else gets the lock, however long they wait past one lease.
      const early = replica({ acquireTimeoutMs: 1500 }, keyPrefix);
      await expect(early.newLock('orphan').lock(never(), () => undefined)).rejects.toBe(
        ERRORS.ERR_LOCK_TIMEOUT,
      );
      child.kill('SIGKILL');
      await exited;
      const late = replica({ acquireTimeoutMs: 15_000 }, keyPrefix);
      await late.newLock('orphan').lock(never(), () => undefined);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

async function redisGet(key: string): Promise<string | null> {
  const client = new Redis(redis.url);
  try {
    return await client.get(key);
  } finally {
    client.disconnect();
  }
}

async function redisDel(key: string): Promise<void> {
  const client = new Redis(redis.url);
  try {
    await client.del(key);
  } finally {
    client.disconnect();
  }
}
