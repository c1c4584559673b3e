import { setTimeout as sleep } from 'node:timers/promises';
import { type RunningRedis, startRedis } from '@temp-contents/stack';
import { ERRORS, type Lock } from '@tus/utils';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LockerLogger, RedisLocker, type RedisLockerOptions } from './redis-locker.js';
import { compileLocks, runLockerProcess } from './test-support/locker-process.js';

/**
 * The cross-replica locker against a real redis-server. Each "replica" is a RedisLocker with its
 * own connections; the SIGKILL and close tests run one in a child process. The machine is
 * shared and slow: tests wait on conditions, and only time bounds that hold however slow it is
 * (a timer never fires early) are asserted.
 */

type Timings = Omit<RedisLockerOptions, 'redisUrl' | 'connect'>;

let redis: RunningRedis;
/** A plain client for looking at and tampering with the keys. */
let admin: Redis;
let n = 0;
let prefix = '';
const lockers: RedisLocker[] = [];
const replica = (options: Timings = {}) => {
  const locker = new RedisLocker({ redisUrl: redis.url, keyPrefix: prefix, ...options });
  lockers.push(locker);
  return locker;
};
const keyOf = (id: string) => `${prefix}lock:${id}`;
const running = () => new AbortController().signal;
const nothing = () => undefined;
const recordingLogger = () => {
  const warnings: string[] = [];
  const logger: LockerLogger = { warn: (_details, message) => warnings.push(message) };
  return { logger, warnings };
};

beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url);
});
afterAll(async () => {
  await admin?.quit();
  await redis?.stop();
});
beforeEach(() => {
  n += 1;
  prefix = `t${n}:`;
});
afterEach(async () => {
  await admin.call('CLIENT', 'UNPAUSE');
  for (const locker of lockers.splice(0)) await locker.close();
});

describe('RedisLocker', () => {
  it('takes a free lock as a token-owned key with a lease, and deletes it on unlock', async () => {
    const a = replica({ leaseMs: 20_000 });
    const lock = a.newLock('free');
    await lock.lock(running(), nothing);
    const token = await admin.get(keyOf('free'));
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await admin.pttl(keyOf('free'))).toBeGreaterThan(0);
    await lock.unlock();
    expect(await admin.exists(keyOf('free'))).toBe(0);
    // As MemoryLocker: unlocking what is not held is the caller's bug.
    await expect(lock.unlock()).rejects.toThrow(/unlocked lock/);
  });

  it('a waiter on another replica asks the holder to let go, and gets the lock once it does', async () => {
    const a = replica();
    const b = replica({ acquireTimeoutMs: 20_000 });
    const held = a.newLock('upload');
    let asked = 0;
    // The holder does what @tus/server's callback leads to: it finishes, then unlocks.
    await held.lock(running(), async () => {
      asked += 1;
      if (asked === 1) await held.unlock();
    });
    const holderToken = await admin.get(keyOf('upload'));
    const waiter = b.newLock('upload');
    await waiter.lock(running(), nothing);
    expect(asked).toBeGreaterThanOrEqual(1);
    const waiterToken = await admin.get(keyOf('upload'));
    expect(waiterToken).not.toBeNull();
    expect(waiterToken).not.toBe(holderToken);
    await waiter.unlock();
  });

  it('wakes a waiter by the release message, not by its poll', async () => {
    const a = replica();
    // The poll comes after the deadline: only the "freed" message can get it the lock.
    const b = replica({ acquireTimeoutMs: 20_000, pollMs: 60_000 });
    const held = a.newLock('announced');
    let asked = 0;
    await held.lock(running(), () => {
      asked += 1;
    });
    const waiting = b.newLock('announced').lock(running(), nothing);
    await expect.poll(() => asked, { timeout: 20_000 }).toBeGreaterThan(0);
    await held.unlock();
    await waiting;
  });

  it('polls, and gets a lock freed without a message (its key expired or was lost)', async () => {
    const a = replica();
    const b = replica({ acquireTimeoutMs: 20_000, pollMs: 100 });
    let asked = 0;
    await a.newLock('silent').lock(running(), () => {
      asked += 1;
    });
    const waiting = b.newLock('silent').lock(running(), nothing);
    await expect.poll(() => asked, { timeout: 20_000 }).toBeGreaterThan(0);
    await admin.del(keyOf('silent'));
    await waiting;
  });

  it('fails with ERR_LOCK_TIMEOUT after acquireTimeoutMs if the holder does not let go', async () => {
    const a = replica();
    const b = replica({ acquireTimeoutMs: 500 });
    let asked = 0;
    await a.newLock('stubborn').lock(running(), () => {
      asked += 1;
    });
    const holderToken = await admin.get(keyOf('stubborn'));
    const started = performance.now();
    await expect(b.newLock('stubborn').lock(running(), nothing)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(await admin.get(keyOf('stubborn'))).toBe(holderToken);
  });

  it('stops waiting with ERR_LOCK_TIMEOUT as soon as the stop signal aborts', async () => {
    const a = replica();
    const b = replica({ acquireTimeoutMs: 120_000, pollMs: 60_000 });
    let asked = 0;
    await a.newLock('busy').lock(running(), () => {
      asked += 1;
    });
    const abort = new AbortController();
    const waiting = b.newLock('busy').lock(abort.signal, nothing);
    await expect.poll(() => asked, { timeout: 20_000 }).toBeGreaterThan(0);
    abort.abort();
    // Neither the poll (60 s) nor the deadline (120 s) ends this wait; only the abort does.
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    // An already aborted request does not take even a free lock.
    await expect(b.newLock('free').lock(abort.signal, nothing)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    expect(await admin.exists(keyOf('free'))).toBe(0);
  });

  it('never deletes a lock that holds another token', async () => {
    const a = replica();
    const lock = a.newLock('taken-over');
    await lock.lock(running(), nothing);
    // As if the lease had lapsed and another replica had taken the lock since.
    await admin.set(keyOf('taken-over'), 'another-token', 'PX', 20_000);
    await lock.unlock();
    expect(await admin.get(keyOf('taken-over'))).toBe('another-token');
  });

  it('asks a holder whose lease lapsed to stop, and keeps its successor intact', async () => {
    const { logger, warnings } = recordingLogger();
    const a = replica({ leaseMs: 600, acquireTimeoutMs: 20_000, logger });
    const c = replica({ acquireTimeoutMs: 500 });
    const old = a.newLock('lapsed');
    let oldAsked = 0;
    await old.lock(running(), () => {
      oldAsked += 1;
    });
    // The lease lapses (as if the holder had stalled past it): a successor on the same replica
    // takes the lock before the old holder's next renewal finds out.
    await admin.del(keyOf('lapsed'));
    const successor = a.newLock('lapsed');
    let successorAsked = 0;
    await successor.lock(running(), () => {
      successorAsked += 1;
    });
    await expect.poll(() => oldAsked, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(warnings).toContain('upload lock lost: lease lapsed; asking its holder to stop');
    const successorToken = await admin.get(keyOf('lapsed'));
    await old.unlock();
    expect(await admin.get(keyOf('lapsed'))).toBe(successorToken);
    // The old holder's unlock did not unhook the successor from release requests.
    await expect(c.newLock('lapsed').lock(running(), nothing)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    expect(successorAsked).toBeGreaterThanOrEqual(1);
    await successor.unlock();
  });

  it('renews a held lock past its lease while the holder lives', async () => {
    const { logger, warnings } = recordingLogger();
    // Renewed every 500 ms: a busy machine may delay a renewal by a second and still keep it.
    const a = replica({ leaseMs: 1500, logger });
    const lock = a.newLock('long');
    await lock.lock(running(), nothing);
    const token = await admin.get(keyOf('long'));
    await sleep(4500); // three leases
    expect(await admin.get(keyOf('long'))).toBe(token);
    expect(await admin.pttl(keyOf('long'))).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    await lock.unlock();
  });

  it('answers ERR_LOCK_TIMEOUT when Redis does not answer in time, and undoes a late SET', async () => {
    const { logger } = recordingLogger();
    const b = replica({ acquireTimeoutMs: 500, logger });
    await b.newLock('warm-up').lock(running(), nothing); // connected and subscribed
    // The late SET's undoing is announced like any release: listen for it.
    const events = new Redis(redis.url);
    const freed = new Promise<void>((resolve) => events.once('message', () => resolve()));
    await events.subscribe(`${prefix}lock-freed:paused`);
    await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
    const started = performance.now();
    await expect(b.newLock('paused').lock(running(), nothing)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    // A lower bound only; the upper one: it did not wait for the 3 s pause to end.
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    expect(await admin.exists(keyOf('paused'))).toBe(0);
    try {
      // Once the pause ends the SET lands, and the locker deletes what nobody holds.
      await freed;
      expect(await admin.exists(keyOf('paused'))).toBe(0);
    } finally {
      await events.quit();
    }
  });

  it('works on connections from a factory, and quits them on close', async () => {
    const opened: Redis[] = [];
    const locker = new RedisLocker({
      keyPrefix: prefix,
      connect: () => {
        const connection = new Redis(redis.url);
        opened.push(connection);
        return connection;
      },
    });
    const lock = locker.newLock('factory');
    await lock.lock(running(), nothing);
    await lock.unlock();
    expect(opened).toHaveLength(2);
    await locker.close();
    await expect
      .poll(() => opened.map((connection) => connection.status), { timeout: 20_000 })
      .toEqual(['end', 'end']);
  });

  it('close() fails waiters, stops renewals and quits its connections', async () => {
    const holder = replica();
    await holder.newLock('held').lock(running(), nothing);
    const locker = new RedisLocker({ redisUrl: redis.url, keyPrefix: prefix, leaseMs: 600 });
    const renewed = locker.newLock('renewed');
    await renewed.lock(running(), nothing);
    const waiting = locker
      .newLock('held')
      .lock(running(), nothing)
      .catch((error: unknown) => error);
    await sleep(100);
    await locker.close();
    expect(await waiting).toBe(ERRORS.ERR_LOCK_TIMEOUT);
    // Not renewed any more: its key lapses with its lease (nobody releases a lock on close).
    await expect.poll(() => admin.exists(keyOf('renewed')), { timeout: 20_000 }).toBe(0);
    await expect(locker.newLock('after').lock(running(), nothing)).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
  });

  describe('in other processes', () => {
    let compiled: Awaited<ReturnType<typeof compileLocks>>;
    beforeAll(async () => {
      compiled = await compileLocks();
    });
    afterAll(async () => {
      await compiled?.dispose();
    });

    it("reclaims a SIGKILLed replica's lock once its lease lapses", async () => {
      const child = runLockerProcess(
        compiled.module,
        `const locker = new RedisLocker({ redisUrl: ${JSON.stringify(redis.url)},
           keyPrefix: ${JSON.stringify(prefix)}, leaseMs: 1000 });
         await locker.newLock('orphan').lock(new AbortController().signal, () => {});
         console.log('locked');`,
      );
      try {
        await child.printed('locked');
        // Alive, it renews: nobody gets the lock, however long past one lease they wait.
        const early = replica({ acquireTimeoutMs: 2500 });
        await expect(early.newLock('orphan').lock(running(), nothing)).rejects.toBe(
          ERRORS.ERR_LOCK_TIMEOUT,
        );
        child.child.kill('SIGKILL');
        expect(await child.exited).toBe('SIGKILL');
        // Dead, it cannot let go when asked; its lease lapses and the lock is free.
        const late = replica({ acquireTimeoutMs: 20_000 });
        const lock: Lock = late.newLock('orphan');
        await lock.lock(running(), nothing);
        await lock.unlock();
      } finally {
        child.child.kill('SIGKILL');
      }
    });

    it('close() leaves nothing to keep a process alive', async () => {
      const child = runLockerProcess(
        compiled.module,
        `const locker = new RedisLocker({ redisUrl: ${JSON.stringify(redis.url)},
           keyPrefix: ${JSON.stringify(prefix)}, leaseMs: 600, acquireTimeoutMs: 60000 });
         const never = new AbortController().signal;
         const released = locker.newLock('released');
         await released.lock(never, () => {});
         await released.unlock();
         await locker.newLock('kept').lock(never, () => {});
         const waiter = locker.newLock('kept').lock(never, () => {}).catch((e) => e);
         await new Promise((resolve) => setTimeout(resolve, 200));
         await locker.close();
         const { ERRORS } = await import('@tus/utils');
         console.log((await waiter) === ERRORS.ERR_LOCK_TIMEOUT ? 'waiter failed' : 'waiter?');
         console.log('closed');`,
      );
      try {
        await child.printed('closed');
        expect(child.output()).toContain('waiter failed');
        // Held lock, renewal timer, waiter's timers, two connections: all gone, so it exits.
        expect(await child.exited).toBe(0);
        await expect
          .poll(async () => String(await admin.call('CLIENT', 'LIST')), { timeout: 20_000 })
          .not.toMatch(/name=tc-locker/);
      } finally {
        child.child.kill('SIGKILL');
      }
    });
  });
});
