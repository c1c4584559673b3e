/**
 * Where the Redis locker keeps its state: one key per locked upload, and two pub/sub channels
 * per upload (a waiter asks the holder to let go on one, a release is announced on the other).
 * Every replica sharing uploads must use the same prefix.
 */
export interface LockKeys {
  /** Holds the current owner's token; its TTL is the lease. */
  lock(id: string): string;
  /** Waiters publish here; the holder's replica calls the holder's `requestRelease`. */
  releaseChannel(id: string): string;
  /** The owner's release publishes here; waiters of every replica try again at once. */
  freedChannel(id: string): string;
  /** One pattern for all of the above channels: one subscription per locker, not per lock. */
  eventPattern: string;
  /** Which event a message on a channel of `eventPattern` is, and for which upload. */
  parseEvent(channel: string): { kind: 'release' | 'freed'; id: string } | undefined;
}

export function lockKeys(prefix: string): LockKeys {
  const release = `${prefix}lock-release:`;
  const freed = `${prefix}lock-freed:`;
  return {
    lock: (id) => `${prefix}lock:${id}`,
    releaseChannel: (id) => release + id,
    freedChannel: (id) => freed + id,
    // The prefix is the operator's: a `*` or `[` in it must not widen the pattern.
    eventPattern: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}lock-*:*`,
    parseEvent(channel) {
      if (channel.startsWith(release))
        return { kind: 'release', id: channel.slice(release.length) };
      if (channel.startsWith(freed)) return { kind: 'freed', id: channel.slice(freed.length) };
      return undefined;
    },
  };
}

/**
 * Extends the lease only while the key still holds the caller's token: a holder whose lease
 * lapsed (and whose upload someone else may hold now) learns it instead of stealing it back.
 * KEYS[1] lock key; ARGV[1] token, ARGV[2] lease in ms. Returns 1 if renewed, else 0.
 */
export const RENEW_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * Deletes the key only while it still holds the caller's token, so a holder never frees a lock
 * another holder took after its lease lapsed; then wakes the waiters of every replica, in the
 * same round trip. KEYS[1] lock key, KEYS[2] freed channel; ARGV[1] token. Returns 1 or 0.
 */
export const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', KEYS[2], '')
  return 1
end
return 0`;
