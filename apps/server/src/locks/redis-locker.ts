import { randomBytes } from 'node:crypto';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';
import { Redis } from 'ioredis';

export interface RedisLockerOptions {
  redisUrl: string;
  /** A waiter that has no lock after this long fails with ERR_LOCK_TIMEOUT (@tus/server: 423). */
  acquireTimeoutMs?: number;
  /**
   * How long a lock outlives a holder that stopped renewing it (a SIGKILLed replica). The
   * holder renews it every lease/3 while alive.
   */
  leaseMs?: number;
  keyPrefix?: string;
  /** Called when a holder finds its lock gone (lease lapsed); the holder is asked to stop. */
  onLost?: (id: string) => void;
}

/** Extends the lease only while the key still holds the caller's token. */
const RENEW_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
/** Deletes the key only while it still holds the caller's token. */
const DELETE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** How often a waiter retries without a "freed" message (messages can be missed). */
const POLL_MS = 100;
/** How often a waiter repeats its release request to the holder. */
const REPEAT_REQUEST_MS = 500;

/**
 * Upload locks shared by every replica, on Redis: the same contract as @tus/server's
 * MemoryLocker on one process. A lock is a key holding its owner's random token, with a lease
 * the owner renews. A waiter asks the holder to let go over pub/sub (the holder's replica calls
 * its `requestRelease`, @tus/server then ends the holder's request after its drain time), and is
 * woken when the lock is freed; after `acquireTimeoutMs` it fails with ERR_LOCK_TIMEOUT, which
 * the tus routes answer with 423 + Retry-After. A holder that dies without unlocking (SIGKILL)
 * blocks its upload until the lease lapses, never longer.
 */
export class RedisLocker implements Locker {
  readonly acquireTimeoutMs: number;
  readonly leaseMs: number;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly subscribed: Promise<unknown>;
  /** Locks held by this process: id -> how to ask the holder to stop. */
  private readonly held = new Map<string, RequestRelease>();
  /** Waiters of this process: id -> wake-up calls. */
  private readonly waiting = new Map<string, Set<() => void>>();
  /** @internal Renewal timers of the locks held here, stopped on close. */
  readonly renewals = new Set<NodeJS.Timeout>();

  constructor(private readonly options: RedisLockerOptions) {
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 3000;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.prefix = options.keyPrefix ?? 'tc:';
    const connection = { maxRetriesPerRequest: 1, connectTimeout: 5000 };
    this.redis = new Redis(options.redisUrl, connection);
    this.subscriber = new Redis(options.redisUrl, connection);
    // Failures surface through the commands that fail; these only keep ioredis quiet.
    this.redis.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscribed = this.subscriber.psubscribe(`${this.prefix}lock-*:*`);
    this.subscribed.catch(() => undefined);
    this.subscriber.on('pmessage', (_pattern, channel: string) => this.onMessage(channel));
  }

  newLock(id: string): Lock {
    return new RedisLock(this, id);
  }

  async close(): Promise<void> {
    for (const timer of this.renewals) clearInterval(timer);
    this.renewals.clear();
    for (const wakers of this.waiting.values()) for (const wake of wakers) wake();
    await Promise.all([
      this.redis.quit().catch(() => this.redis.disconnect()),
      this.subscriber.quit().catch(() => this.subscriber.disconnect()),
    ]);
  }

  /** @internal */
  async tryAcquire(id: string, token: string): Promise<boolean> {
    return (await this.redis.set(this.key(id), token, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  /** @internal */
  async renew(id: string, token: string): Promise<boolean> {
    return (await this.redis.eval(RENEW_IF_OWNER, 1, this.key(id), token, this.leaseMs)) === 1;
  }

  /** @internal Deletes the lock if it is still ours, then wakes the waiters of every replica. */
  async release(id: string, token: string): Promise<void> {
    await this.redis.eval(DELETE_IF_OWNER, 1, this.key(id), token);
    await this.redis.publish(`${this.prefix}lock-freed:${id}`, '');
  }

  /** @internal */
  async requestRelease(id: string): Promise<void> {
    await this.subscribed;
    await this.redis.publish(`${this.prefix}lock-release:${id}`, '');
  }

  /** @internal */
  setHeld(id: string, requestRelease: RequestRelease | undefined): void {
    if (requestRelease === undefined) this.held.delete(id);
    else this.held.set(id, requestRelease);
  }

  /** @internal Resolves when `id` is announced free, after `ms`, or on close. */
  async waitForFree(id: string, ms: number): Promise<void> {
    await this.subscribed;
    await new Promise<void>((resolve) => {
      let wakers = this.waiting.get(id);
      if (wakers === undefined) {
        wakers = new Set();
        this.waiting.set(id, wakers);
      }
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        if (wakers.size === 0) this.waiting.delete(id);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });
  }

  /** @internal */
  lost(id: string): void {
    this.options.onLost?.(id);
    void this.held.get(id)?.();
  }

  private onMessage(channel: string): void {
    const freed = `${this.prefix}lock-freed:`;
    const release = `${this.prefix}lock-release:`;
    if (channel.startsWith(freed)) {
      for (const wake of [...(this.waiting.get(channel.slice(freed.length)) ?? [])]) wake();
    } else if (channel.startsWith(release)) {
      // tus: the holder is asked to finish what it has and let go (MemoryLocker does the same
      // in-process); @tus/server's callback is safe to call more than once.
      void this.held.get(channel.slice(release.length))?.();
    }
  }

  private key(id: string): string {
    return `${this.prefix}lock:${id}`;
  }
}

class RedisLock implements Lock {
  private readonly token = randomBytes(16).toString('hex');
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly locker: RedisLocker,
    private readonly id: string,
  ) {}

  async lock(stopSignal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const { locker, id } = this;
    const deadline = Date.now() + locker.acquireTimeoutMs;
    let lastRequest = 0;
    for (;;) {
      if (stopSignal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
      if (await locker.tryAcquire(id, this.token)) break;
      const now = Date.now();
      if (now >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      if (now - lastRequest >= REPEAT_REQUEST_MS) {
        lastRequest = now;
        await locker.requestRelease(id);
      }
      await locker.waitForFree(id, Math.min(POLL_MS, deadline - now));
    }
    locker.setHeld(id, requestRelease);
    this.renewal = setInterval(
      () => {
        locker.renew(id, this.token).then(
          (still) => {
            if (!still) {
              this.stopRenewing();
              locker.lost(id);
            }
          },
          // Redis unreachable for a moment: the next renewal retries within the lease.
          () => undefined,
        );
      },
      Math.max(50, Math.floor(locker.leaseMs / 3)),
    );
    this.renewal.unref();
    locker.renewals.add(this.renewal);
  }

  async unlock(): Promise<void> {
    this.stopRenewing();
    this.locker.setHeld(this.id, undefined);
    await this.locker.release(this.id, this.token);
  }

  private stopRenewing(): void {
    if (this.renewal === undefined) return;
    clearInterval(this.renewal);
    this.locker.renewals.delete(this.renewal);
    this.renewal = undefined;
  }
}
