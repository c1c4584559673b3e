import type { Redis } from 'ioredis';
import type { ContentRecord } from '../content-record.js';
import { recordFromJson, recordToJson } from './record-json.js';

/** Deletes a key only while it still holds the caller's token. */
const DELETE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Caches a record and indexes its expiry, unless the content is being or was removed (its
 * tombstone exists): a replica that read the record just before another one removed it must
 * not bring it back as a record without bytes.
 */
const PUT_UNLESS_REMOVED = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1`;

/**
 * Marks the index complete only if the rebuild still holds its lease: when Redis lost its data
 * while the bucket was being listed, the lease went with it, and the half-filled index must not
 * pass for a complete one (the next check rebuilds it again).
 */
const MARK_BUILT_IF_LEASED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('DEL', KEYS[1])
return 1`;

/** Extends a lease only while the caller still holds it. */
const RENEW_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * How long a removal's tombstone outlives it: far longer than any request that could have read
 * the record before it went (a bucket GET, a PATCH's progress update).
 */
const TOMBSTONE_MS = 10 * 60_000;

/**
 * What Redis holds for the S3 backend, all of it rebuildable from the bucket: a cache of each
 * record with its current offset (`rec:<id>`), the expiry index (sorted set `expiry`, score =
 * expiresAt ms), a marker saying the index is complete (`index-built`; absent after Redis lost
 * its data), sweepers' claims (`sweep:<id>`, leased), the rebuild's lease (`rebuilding`) and
 * short-lived tombstones of removed contents (`gone:<id>`).
 */
export class RedisIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async getRecord(id: string): Promise<ContentRecord | undefined> {
    const text = await this.redis.get(this.key(`rec:${id}`));
    return text === null ? undefined : recordFromJson(text);
  }

  /** Caches the record and indexes its expiry; false (and nothing written) once removed. */
  async putRecord(record: ContentRecord): Promise<boolean> {
    const written = await this.redis.eval(
      PUT_UNLESS_REMOVED,
      3,
      this.key(`rec:${record.id}`),
      this.key('expiry'),
      this.key(`gone:${record.id}`),
      recordToJson(record),
      record.expiresAt.getTime(),
      record.id,
    );
    return written === 1;
  }

  /**
   * Indexes the expiry of a content about to be recorded, before anything is written to the
   * bucket, so that whatever a crash in the middle of `insert` leaves there is swept at expiry.
   * NX: an existing entry (an id taken already) keeps its score.
   */
  async reserve(id: string, expiresAt: Date): Promise<void> {
    await this.redis.zadd(this.key('expiry'), 'NX', expiresAt.getTime(), id);
  }

  /** The indexed expiry of `id` (epoch ms), if any. */
  async expiryOf(id: string): Promise<number | undefined> {
    const score = await this.redis.zscore(this.key('expiry'), id);
    return score === null ? undefined : Number(score);
  }

  /** Set as a removal starts: from then on `putRecord` refuses `id` (see PUT_UNLESS_REMOVED). */
  async markRemoved(id: string): Promise<void> {
    await this.redis.set(this.key(`gone:${id}`), '1', 'PX', TOMBSTONE_MS);
  }

  async wasRemoved(id: string): Promise<boolean> {
    return (await this.redis.exists(this.key(`gone:${id}`))) === 1;
  }

  async forget(id: string): Promise<void> {
    await this.redis
      .multi()
      .del(this.key(`rec:${id}`))
      .zrem(this.key('expiry'), id)
      .exec();
  }

  /** Ids with expiresAt <= now, oldest first (ties by id). */
  async expired(now: Date, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.key('expiry'), '-inf', now.getTime(), 'LIMIT', 0, limit);
  }

  async isBuilt(): Promise<boolean> {
    return (await this.redis.exists(this.key('index-built'))) === 1;
  }

  async addExpiries(entries: { id: string; expiresAt: number }[]): Promise<void> {
    if (entries.length === 0) return;
    const args = entries.flatMap((entry) => [entry.expiresAt, entry.id]);
    await this.redis.zadd(this.key('expiry'), ...args);
  }

  /** Marks the index complete and ends the lease, if `token` still holds it. */
  async markBuilt(token: string): Promise<boolean> {
    const marked = await this.redis.eval(
      MARK_BUILT_IF_LEASED,
      2,
      this.key('rebuilding'),
      this.key('index-built'),
      token,
      new Date().toISOString(),
    );
    return marked === 1;
  }

  /** One holder at a time per id; the lease lets another sweeper take over after a crash. */
  async claim(id: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(`sweep:${id}`), token, 'PX', leaseMs, 'NX')) === 'OK';
  }

  async release(id: string, token: string): Promise<void> {
    await this.redis.eval(DELETE_IF_OWNER, 1, this.key(`sweep:${id}`), token);
  }

  /**
   * Serialises rebuilds across replicas (two at once would be harmless: ZADD is idempotent, but
   * each would LIST the whole bucket).
   */
  async tryRebuildLease(token: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(this.key('rebuilding'), token, 'PX', leaseMs, 'NX')) === 'OK';
  }

  /**
   * Renewed after every page listed, so that a rebuild of a large bucket keeps its lease however
   * long it runs; false once it was lost (Redis restarted, or the lease lapsed).
   */
  async renewRebuildLease(token: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW_IF_OWNER, 1, this.key('rebuilding'), token, leaseMs)) === 1;
  }

  async endRebuildLease(token: string): Promise<void> {
    await this.redis.eval(DELETE_IF_OWNER, 1, this.key('rebuilding'), token);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }
}
