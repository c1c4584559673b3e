import { randomBytes } from 'node:crypto';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';
import { Redis } from 'ioredis';
import { type LockKeys, lockKeys, RELEASE_IF_OWNER, RENEW_IF_OWNER } from './lock-keys.js';

/** What the locker reports on (pino's and Fastify's loggers fit). */
export interface LockerLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

interface RedisLockerTimings {
  /**
   * A waiter that has no lock after this long fails with ERR_LOCK_TIMEOUT (@tus/server: 423):
   * MemoryLocker's `acquireLockTimeout`. Default 3000, as `DEFAULT_LOCK_TIMINGS`.
   */
  acquireTimeoutMs?: number;
  /**
   * @tus/utils: locks must not be retained long ("avoids issues with half-open TCP
   * connections"); a dead holder's cannot be asked to let go, so its lease is the bound.
   * How long a lock outlives a holder that stopped renewing it (a SIGKILLed replica, a process
   * stalled past it). The holder renews it every lease/3. Default 10 000; keep it well above
   * the drain time, see `RedisLock.lost`.
   */
  leaseMs?: number;
  /** How often a waiter retries when no "freed" message wakes it first. Default 200. */
  pollMs?: number;
  /** Key and channel prefix, the same on every replica. Default `tc:`. */
  keyPrefix?: string;
  logger?: LockerLogger;
}

/**
 * Either a URL, and the locker opens its two connections itself, or `connect`, called twice,
 * each call returning a NEW connection. Either way the locker owns them: one becomes a
 * subscriber (unusable for commands), and `close()` quits both. Never hand it a shared client.
 */
export type RedisLockerOptions = RedisLockerTimings &
  ({ redisUrl: string; connect?: undefined } | { connect: () => Redis; redisUrl?: undefined });

/** Settles a race with a give-up signal: ABORTED if the signal wins. */
const ABORTED = Symbol('aborted');

/**
 * Upload locks shared by every replica, on Redis, keeping @tus/server's MemoryLocker contract
 * across machines. A lock is a key holding its owner's random token, with a lease the owner
 * renews while it holds it; only the owner renews or deletes it (Lua compare-and-set), so a
 * holder whose lease lapsed never frees its successor's lock. A waiter asks the holder to let
 * go over pub/sub (the holder's replica calls the holder's `requestRelease`; @tus/server then
 * ends that request after `lockDrainTimeout`), is woken by the release's "freed" message (or a
 * poll), and fails with ERR_LOCK_TIMEOUT after `acquireTimeoutMs` or when its request is
 * aborted. A SIGKILLed holder blocks its upload until its lease lapses, never longer.
 */
export class RedisLocker implements Locker {
  readonly acquireTimeoutMs: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  private readonly logger: LockerLogger | undefined;
  private readonly keys: LockKeys;
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  /** Settles once the first subscription answered (never rejects; or on close). */
  private readonly subscribed: Promise<void>;
  /** Locks held by this process: upload id -> token -> how to ask that holder to stop. */
  private readonly holders = new Map<string, Map<string, RequestRelease>>();
  /** Waiters of this process: upload id -> wake-up calls. */
  private readonly wakers = new Map<string, Set<() => void>>();
  /** What close() must stop: waits in progress, renewal timers. */
  private readonly stoppers = new Set<() => void>();
  private closed = false;

  constructor(options: RedisLockerOptions) {
    this.acquireTimeoutMs = positive('acquireTimeoutMs', options.acquireTimeoutMs ?? 3000);
    this.leaseMs = positive('leaseMs', options.leaseMs ?? 10_000);
    this.pollMs = positive('pollMs', options.pollMs ?? 200);
    this.logger = options.logger;
    this.keys = lockKeys(options.keyPrefix ?? 'tc:');
    const open = connectionFactory(options);
    this.commands = open('tc-locker');
    this.subscriber = open('tc-locker-events');
    // Without a listener ioredis rethrows connection errors; they surface through the commands
    // that fail (a waiter gives up with ERR_LOCK_TIMEOUT, a release lapses with its lease).
    this.commands.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('pmessage', (_pattern: string, channel: string) => this.route(channel));
    this.subscribed = this.subscribe();
  }

  newLock(id: string): Lock {
    return new RedisLock(this, id);
  }

  /**
   * Stops waiters (they fail with ERR_LOCK_TIMEOUT) and renewals, and quits both connections
   * after their pending commands. Locks still held stay in Redis until their lease lapses: a
   * request still writing must not get a second writer. Close after the app has finished its
   * requests (they unlock), and at most once.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of [...this.stoppers]) stop();
    await Promise.all(
      [this.commands, this.subscriber].map((connection) =>
        connection.quit().then(
          () => undefined,
          () => connection.disconnect(),
        ),
      ),
    );
  }

  /**
   * @internal Takes the lock for `token`, or throws ERR_LOCK_TIMEOUT once `acquireTimeoutMs`
   * passed, `stopSignal` aborted or the locker closed (MemoryLocker answers an aborted wait
   * with the same error). Redis errors count as "not yet": a Redis that does not answer in time
   * is a 423 with Retry-After, as a holder that does not let go.
   */
  async acquire(id: string, token: string, stopSignal: AbortSignal): Promise<void> {
    const giveUp = new AbortController();
    const stop = () => giveUp.abort();
    const deadline = setTimeout(stop, this.acquireTimeoutMs);
    stopSignal.addEventListener('abort', stop, { once: true });
    this.stoppers.add(stop);
    let failure: unknown;
    try {
      if (this.closed || stopSignal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
      // A holder must hear release requests, and a waiter "freed" messages, from the start.
      await settledUnlessAborted(this.subscribed, giveUp.signal);
      for (;;) {
        if (giveUp.signal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
        // Listening before trying: a release announced between our failed SET and our wait,
        // its message read before the SET's answer, still wakes us.
        const freed = this.nextWake(id, giveUp.signal);
        const attempt = this.trySet(id, token).catch((error: unknown) => {
          failure = error;
          return false;
        });
        const won = await settledUnlessAborted(attempt, giveUp.signal);
        if (won === ABORTED) {
          freed.cancel();
          // Gave up with our SET still on its way: if it lands, nobody holds what it took.
          void attempt.then((late) => late && this.release(id, token).catch(() => undefined));
          throw ERRORS.ERR_LOCK_TIMEOUT;
        }
        if (won) {
          freed.cancel();
          return;
        }
        // tus: "the 'cancelReq' callback should be invoked when there's an attempt by another
        // request to acquire a previously locked resource". Every failed attempt asks again,
        // as MemoryLocker does: the holder may have changed since, or missed the last ask.
        this.askHolder(id);
        await freed.woken;
      }
    } catch (error) {
      if (failure !== undefined) {
        this.warn({ id, err: failure }, 'upload lock not acquired: Redis failed');
      }
      throw error;
    } finally {
      clearTimeout(deadline);
      stopSignal.removeEventListener('abort', stop);
      this.stoppers.delete(stop);
    }
  }

  /** @internal True if the lease is still ours and was extended. */
  async renew(id: string, token: string): Promise<boolean> {
    const renewed = await this.commands.eval(
      RENEW_IF_OWNER,
      1,
      this.keys.lock(id),
      token,
      this.leaseMs,
    );
    return renewed === 1;
  }

  /** @internal Deletes the lock if it is still ours; then wakes every replica's waiters. */
  async release(id: string, token: string): Promise<boolean> {
    const keys = [this.keys.lock(id), this.keys.freedChannel(id)];
    return (await this.commands.eval(RELEASE_IF_OWNER, 2, ...keys, token)) === 1;
  }

  /** @internal Routes release requests for `id` to `requestRelease` until `unhold`. */
  hold(id: string, token: string, requestRelease: RequestRelease): void {
    let tokens = this.holders.get(id);
    if (tokens === undefined) {
      tokens = new Map();
      this.holders.set(id, tokens);
    }
    tokens.set(token, requestRelease);
  }

  /** @internal Only this token's entry: a successor on this replica keeps hearing requests. */
  unhold(id: string, token: string): void {
    const tokens = this.holders.get(id);
    tokens?.delete(token);
    if (tokens?.size === 0) this.holders.delete(id);
  }

  /** @internal Registers what close() must stop; returns how to unregister. */
  onClose(stop: () => void): () => void {
    this.stoppers.add(stop);
    return () => this.stoppers.delete(stop);
  }

  /** @internal */
  callRelease(id: string, requestRelease: RequestRelease): void {
    // @tus/server's callback only starts its drain timer, and tolerates being called again.
    Promise.resolve()
      .then(requestRelease)
      .catch((error: unknown) => this.warn({ id, err: error }, 'requestRelease failed'));
  }

  /** @internal */
  warn(details: Record<string, unknown>, message: string): void {
    this.logger?.warn(details, message);
  }

  private async trySet(id: string, token: string): Promise<boolean> {
    return (await this.commands.set(this.keys.lock(id), token, 'PX', this.leaseMs, 'NX')) === 'OK';
  }

  private askHolder(id: string): void {
    // Lost or unanswered, the next failed attempt asks again.
    this.commands.publish(this.keys.releaseChannel(id), '').catch(() => undefined);
  }

  /** Resolves on the next "freed" for `id`, after a poll interval, or when `signal` aborts. */
  private nextWake(id: string, signal: AbortSignal): { woken: Promise<void>; cancel(): void } {
    let wake: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => {
      let wakers = this.wakers.get(id);
      if (wakers === undefined) {
        wakers = new Set();
        this.wakers.set(id, wakers);
      }
      const registered = wakers;
      const timer = setTimeout(() => wake(), this.pollMs);
      wake = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        registered.delete(wake);
        if (registered.size === 0 && this.wakers.get(id) === registered) this.wakers.delete(id);
        resolve();
      };
      registered.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
    return { woken, cancel: () => wake() };
  }

  private route(channel: string): void {
    const event = this.keys.parseEvent(channel);
    if (event === undefined) return;
    if (event.kind === 'freed') {
      for (const wake of [...(this.wakers.get(event.id) ?? [])]) wake();
    } else {
      for (const requestRelease of [...(this.holders.get(event.id)?.values() ?? [])]) {
        this.callRelease(event.id, requestRelease);
      }
    }
  }

  /**
   * Subscribes once; ioredis re-subscribes by itself after a reconnect. A first attempt that
   * fails (Redis down at start) is retried on the next 'ready'.
   */
  private subscribe(): Promise<void> {
    return new Promise((resolve) => {
      let pending = false;
      const attempt = () => {
        if (this.closed) return done();
        if (pending) return;
        pending = true;
        this.subscriber.psubscribe(this.keys.eventPattern).then(done, (error: unknown) => {
          pending = false;
          this.warn({ err: error }, 'lock events: subscription failed; retried on reconnect');
        });
      };
      const done = () => {
        this.subscriber.off('ready', attempt);
        this.stoppers.delete(done);
        resolve();
      };
      this.stoppers.add(done);
      this.subscriber.on('ready', attempt);
      attempt();
    });
  }
}

type LockState = 'new' | 'acquiring' | 'locked' | 'unlocked';

/** One request's hold on one upload; @tus/server makes a new one per request. */
class RedisLock implements Lock {
  private readonly token = randomBytes(16).toString('hex');
  private state: LockState = 'new';
  private renewal: NodeJS.Timeout | undefined;
  private forgetOnClose: () => void = () => undefined;
  private requestRelease: RequestRelease = () => undefined;

  constructor(
    private readonly locker: RedisLocker,
    private readonly id: string,
  ) {}

  async lock(stopSignal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    if (this.state !== 'new') throw new Error(`A lock is taken once (upload ${this.id})`);
    this.state = 'acquiring';
    try {
      await this.locker.acquire(this.id, this.token, stopSignal);
    } catch (error) {
      this.state = 'unlocked';
      throw error;
    }
    this.state = 'locked';
    this.requestRelease = requestRelease;
    this.locker.hold(this.id, this.token, requestRelease);
    this.forgetOnClose = this.locker.onClose(() => this.stopRenewing());
    this.scheduleRenewal();
  }

  /**
   * tus: unlock "should be called by the lock holder after completing their operation or upon
   * receiving a signal through the 'cancelReq' callback". Releases the lock if still ours. A release Redis does not answer is logged, not
   * thrown (@tus/server unlocks in `finally`, after the response is decided): the key lapses
   * with its lease.
   */
  async unlock(): Promise<void> {
    // As MemoryLocker: unlocking what this lock does not hold is a caller's bug.
    if (this.state !== 'locked') throw new Error(`Releasing an unlocked lock (upload ${this.id})`);
    this.state = 'unlocked';
    this.stopRenewing();
    this.locker.unhold(this.id, this.token);
    try {
      await this.locker.release(this.id, this.token);
    } catch (error) {
      this.locker.warn({ id: this.id, err: error }, 'upload lock not released; lapses with lease');
    }
  }

  /** Renews every lease/3: two renewals may fail (Redis blips) before the lease is at risk. */
  private scheduleRenewal(): void {
    this.renewal = setTimeout(() => {
      this.locker.renew(this.id, this.token).then(
        (owned) => {
          if (this.renewal === undefined) return; // unlocked or closed meanwhile
          if (owned) this.scheduleRenewal();
          else this.lost();
        },
        (error: unknown) => {
          if (this.renewal === undefined) return;
          this.locker.warn({ id: this.id, err: error }, 'upload lock lease not renewed; retrying');
          this.scheduleRenewal();
        },
      );
    }, this.locker.leaseMs / 3);
  }

  /**
   * The lease lapsed while this request still works (its process or Redis stalled for two
   * thirds of a lease or more), and another request may already hold the upload. All we can do
   * is what a waiter does: ask the holder to stop. @tus/server then ends the request after its
   * drain time, so for up to `lockDrainTimeout` two writers may overlap; the offset checks of
   * the store are what remains. Hence a lease many times the drain time.
   */
  private lost(): void {
    this.stopRenewing();
    this.locker.unhold(this.id, this.token);
    this.locker.warn({ id: this.id }, 'upload lock lost: lease lapsed; asking its holder to stop');
    this.locker.callRelease(this.id, this.requestRelease);
  }

  private stopRenewing(): void {
    clearTimeout(this.renewal);
    this.renewal = undefined;
    this.forgetOnClose();
  }
}

function connectionFactory(options: RedisLockerOptions): (name: string) => Redis {
  const { connect, redisUrl } = options;
  if (connect !== undefined) return () => connect();
  if (redisUrl === undefined) throw new Error('RedisLocker: give redisUrl or connect');
  // One retry per command: a Redis that is away fails commands fast, and a waiter's deadline
  // (not ioredis's queue) decides when to give up.
  return (name) =>
    new Redis(redisUrl, { connectionName: name, maxRetriesPerRequest: 1, connectTimeout: 5000 });
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`RedisLocker: ${name} must be a positive number of ms, got ${value}`);
  }
  return value;
}

/** `promise`'s value, or ABORTED as soon as `signal` aborts (the promise runs on). */
function settledUnlessAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
