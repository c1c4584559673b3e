import { MemoryLocker } from '@tus/server';
import { describe, expect, it } from 'vitest';
import { type LockObserver, type LockOutcome, observedLocker } from './observed-locker.js';

/** Records what an observed locker reports. */
function recorder() {
  const outcomes: LockOutcome[] = [];
  let releaseRequests = 0;
  const observer: LockObserver = {
    acquisition: (outcome) => outcomes.push(outcome),
    releaseRequested: () => {
      releaseRequests += 1;
    },
  };
  return { observer, outcomes, releaseRequests: () => releaseRequests };
}

describe('observedLocker around @tus/server MemoryLocker', () => {
  it('reports a free lock as acquired, with no wait', async () => {
    const seen = recorder();
    const locker = observedLocker(new MemoryLocker({ acquireLockTimeout: 1000 }), seen.observer);
    const lock = locker.newLock('u1');
    await lock.lock(new AbortController().signal, () => undefined);
    await lock.unlock();
    expect(seen.outcomes).toEqual(['acquired']);
    expect(seen.releaseRequests()).toBe(0);
  });

  it('reports a holder that would not let go: one release request, then a timeout', async () => {
    const seen = recorder();
    const locker = observedLocker(new MemoryLocker({ acquireLockTimeout: 200 }), seen.observer);
    const holder = locker.newLock('u1');
    let asked = 0;
    // The holder is asked again and again while the waiter polls; it ignores every request.
    await holder.lock(new AbortController().signal, () => {
      asked += 1;
    });
    const waiter = locker.newLock('u1');
    await expect(waiter.lock(new AbortController().signal, () => undefined)).rejects.toThrow();
    await holder.unlock();
    expect(asked).toBeGreaterThan(1);
    expect(seen.releaseRequests()).toBe(1);
    expect(seen.outcomes).toEqual(['acquired', 'timeout']);
  });

  it('reports a waiter whose request ended as aborted', async () => {
    const seen = recorder();
    const locker = observedLocker(new MemoryLocker({ acquireLockTimeout: 30_000 }), seen.observer);
    const holder = locker.newLock('u1');
    await holder.lock(new AbortController().signal, () => undefined);
    const stop = new AbortController();
    const waiting = locker.newLock('u1').lock(stop.signal, () => undefined);
    stop.abort();
    await expect(waiting).rejects.toThrow();
    await holder.unlock();
    expect(seen.outcomes).toEqual(['acquired', 'aborted']);
  });

  it('reports a holder that lets go: the waiter acquires after it', async () => {
    const seen = recorder();
    const locker = observedLocker(new MemoryLocker({ acquireLockTimeout: 5000 }), seen.observer);
    const holder = locker.newLock('u1');
    await holder.lock(new AbortController().signal, () => {
      void holder.unlock();
    });
    const waiter = locker.newLock('u1');
    await waiter.lock(new AbortController().signal, () => undefined);
    await waiter.unlock();
    expect(seen.releaseRequests()).toBe(1);
    expect(seen.outcomes).toEqual(['acquired', 'acquired']);
  });
});
