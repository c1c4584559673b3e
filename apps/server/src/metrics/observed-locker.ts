import { performance } from 'node:perf_hooks';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';

/** How a lock acquisition ended: `timeout` and `aborted` become 423 for the waiting client. */
export type LockOutcome = 'acquired' | 'timeout' | 'aborted' | 'error';

/** What the tus routes report about upload locks (AppMetrics implements it). */
export interface LockObserver {
  /** One `lock()` call ended after `seconds` of waiting (near 0 when nobody held the upload). */
  acquisition(outcome: LockOutcome, seconds: number): void;
  /**
   * A request wanted an upload that this holder had locked, and asked it to let go: the
   * waiting side of a lock wait. Counted once per holding, on the holder's process, whatever
   * the locker (MemoryLocker asks again and again while it waits; RedisLocker once per try).
   */
  releaseRequested(): void;
}

/**
 * Any @tus/utils `Locker` (MemoryLocker, RedisLocker) with its acquisitions and waits reported
 * to `observer`. Only lock() and the release callback are wrapped: nothing per byte.
 */
export function observedLocker(inner: Locker, observer: LockObserver): Locker {
  return { newLock: (id) => new ObservedLock(inner.newLock(id), observer) };
}

class ObservedLock implements Lock {
  constructor(
    private readonly inner: Lock,
    private readonly observer: LockObserver,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    let asked = false;
    const release: RequestRelease = () => {
      if (!asked) {
        asked = true;
        this.observer.releaseRequested();
      }
      return requestRelease();
    };
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      await this.inner.lock(signal, release);
    } catch (error) {
      this.observer.acquisition(
        // MemoryLocker reports a wait its request gave up as a timeout too.
        signal.aborted ? 'aborted' : error === ERRORS.ERR_LOCK_TIMEOUT ? 'timeout' : 'error',
        seconds(),
      );
      throw error;
    }
    this.observer.acquisition('acquired', seconds());
  }

  unlock(): Promise<void> {
    return this.inner.unlock();
  }
}
