import type { Redis } from 'ioredis';
import type { ContentRecord } from '../content-record.js';
import { recordFromJson, recordToJson } from './record-json.js';

/** Deletes a key only while it still holds the caller's token. */
const DELETE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * What Redis holds for the S3 backend, all of it rebuildable from the bucket: a cache of each
 * record with its current offset (`rec:<id>`), the expiry index (sorted set `expiry`, score =
 * expiresAt ms), a marker saying the index is complete (`index-built`; absent after Redis lost
 * its data), and sweepers' claims (`sweep:<id>`, leased).
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

  async putRecord(record: ContentRecord): Promise<void> {
    await this.redis
      .multi()
      .set(this.key(`rec:${record.id}`), recordToJson(record))
      .zadd(this.key('expiry'), record.expiresAt.getTime(), record.id)
      .exec();
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

  async markBuilt(): Promise<void> {
    await this.redis.set(this.key('index-built'), new Date().toISOString());
  }

  /** One holder at a time per id; the lease lets another sweeper take over after a crash. */
  async claim(id: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(`sweep:${id}`), token, 'PX', leaseMs, 'NX')) === 'OK';
  }

  async release(id: string, token: string): Promise<void> {
    await this.redis.eval(DELETE_IF_OWNER, 1, this.key(`sweep:${id}`), token);
  }

  /** Serialises rebuilds across replicas (harmless if two run, but wasteful). */
  async tryRebuildLease(token: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(this.key('rebuilding'), token, 'PX', leaseMs, 'NX')) === 'OK';
  }

  async endRebuildLease(token: string): Promise<void> {
    await this.redis.eval(DELETE_IF_OWNER, 1, this.key('rebuilding'), token);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }
}
