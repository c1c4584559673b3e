import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { MetadataValue } from '@tus/s3-store';
import { ERRORS, IoRedisKvStore } from '@tus/utils';
import { Redis } from 'ioredis';
import { redactUrlPassword } from '../../config/server-config.js';
import { type ContentRecord, isComplete, isExpired } from '../content-record.js';
import { type ByteRange, BytesMissingError, type ContentStore } from '../content-store.js';
import { assertStorageId, isStorageId } from '../storage-id.js';
import { BucketRecords, isNotFound } from './bucket-records.js';
import { RedisIndex } from './redis-index.js';
import { UploadS3Store } from './upload-s3-store.js';

export interface S3ContentStoreOptions {
  bucket: string;
  /** An S3-compatible endpoint; undefined: AWS S3 in `region`. */
  endpoint?: string | undefined;
  region: string;
  forcePathStyle: boolean;
  redisUrl: string;
  /** Prefix of every Redis key (several deployments, or tests, on one Redis). */
  keyPrefix?: string;
  /** Multipart part size (>= 5 MiB); see DEFAULT_PART_SIZE. */
  partSize?: number;
  /**
   * The largest upload the server accepts (TC_MAX_UPLOAD_BYTES). Parts of an upload whose
   * length is deferred are sized so that it can grow to this in 10,000 parts; at most
   * partSize x 10,000 (80 GiB) they keep the preferred size.
   */
  maxUploadBytes?: number;
  /** How long a sweeper's claim on an id lasts if it dies before releasing it. */
  sweepClaimLeaseMs?: number;
}

const MiB = 1024 * 1024;
/**
 * 8 MiB: a part is spooled whole to a temp file before it is sent, so it should be small, yet
 * S3 wants at least 5 MiB per part (but the last) and at most 10,000 parts, so 8 MiB parts
 * reach 80 GiB objects; fewer, larger parts would only save requests.
 */
const DEFAULT_PART_SIZE = 8 * MiB;
/** S3's limit on the parts of one multipart upload. */
const MAX_PARTS = 10_000;
/**
 * Parts spooled or in flight at once on this replica, over all its uploads: @tus/s3-store takes
 * a permit of one semaphore per store before it opens a part's temp file and returns it once
 * the part is uploaded. So temp disk stays under 32 x partSize (256 MiB at 8 MiB), whatever the
 * number of uploads. A permit is held while the part's bytes arrive from the client, so this is
 * also how many uploads make progress at once; the next ones wait (TCP backpressure) for a
 * part to finish. @tus/s3-store's default, 60, would allow 480 MiB of temp files.
 */
const CONCURRENT_PART_UPLOADS = 32;
const REDIS_TIMEOUT_MS = 5000;
/**
 * A rebuild holds this lease, renewed after every page of 1000 markers: if its replica dies,
 * another one takes over within a minute.
 */
const REBUILD_LEASE_MS = 60_000;
/** GET /ready: well under a balancer's usual probe timeout. */
const READY_TIMEOUT_MS = 2000;

/**
 * The scale-out backend: bytes in an S3-compatible bucket through @tus/s3-store (multipart),
 * records in the same bucket (the source of truth, `BucketRecords`), and Redis as a shared,
 * rebuildable cache and expiry index (`RedisIndex`). Any number of replicas may share one
 * bucket and one Redis; if Redis loses its data, no acknowledged content is lost: records are
 * read back from the bucket and the expiry index is rebuilt from it.
 */
export class S3ContentStore implements ContentStore {
  readonly tusStore: UploadS3Store;
  private readonly s3: S3Client;
  private readonly redis: Redis;
  private readonly records: BucketRecords;
  private readonly index: RedisIndex;
  private readonly bucket: string;
  private readonly claimLeaseMs: number;
  private readonly uploadInfoCache: IoRedisKvStore<MetadataValue>;
  private readonly owner = randomBytes(12).toString('hex');
  private rebuilding: Promise<void> | undefined;

  private constructor(options: S3ContentStoreOptions, redis: Redis) {
    // No credentials here: the AWS SDK's default chain finds them (env, profile, role...).
    const clientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    };
    const prefix = options.keyPrefix ?? 'tc:';
    this.bucket = options.bucket;
    this.redis = redis;
    this.s3 = new S3Client(clientConfig);
    this.records = new BucketRecords(this.s3, options.bucket);
    this.index = new RedisIndex(redis, prefix);
    this.claimLeaseMs = options.sweepClaimLeaseMs ?? 60_000;
    this.uploadInfoCache = new IoRedisKvStore<MetadataValue>(redis, `${prefix}tus:`);
    const partSize = options.partSize ?? DEFAULT_PART_SIZE;
    this.tusStore = new UploadS3Store(
      {
        partSize,
        maxConcurrentPartUploads: CONCURRENT_PART_UPLOADS,
        // Upload info read by one replica is seen by all: the cache is shared, not per process.
        cache: this.uploadInfoCache,
        // No expirationPeriodInMilliseconds: @tus/s3-store's expiry is one period for every
        // upload; ours is each record's TTL, enforced by the sweeper through `purgeExpired`.
        s3ClientConfig: { ...clientConfig, bucket: options.bucket },
      },
      Math.max(partSize * MAX_PARTS, options.maxUploadBytes ?? 0),
    );
  }

  /**
   * Connects and checks that the bucket and Redis answer; throws one line naming what failed.
   * Builds the expiry index when Redis does not have it.
   */
  static async open(options: S3ContentStoreOptions): Promise<S3ContentStore> {
    const redis = new Redis(options.redisUrl, {
      lazyConnect: true,
      connectTimeout: REDIS_TIMEOUT_MS,
      commandTimeout: REDIS_TIMEOUT_MS,
      // While Redis is down requests fail (503) instead of queueing without end.
      maxRetriesPerRequest: 1,
    });
    redis.on('error', () => undefined); // reported through the failing commands
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw new Error(
        `cannot reach Redis at ${redactUrlPassword(options.redisUrl)}: ${reason(error)}`,
      );
    }
    const store = new S3ContentStore(options, redis);
    try {
      await store.s3.send(new HeadBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      await store.close();
      const where = options.endpoint ?? `AWS S3 (${options.region})`;
      throw new Error(`cannot reach bucket "${options.bucket}" at ${where}: ${reason(error)}`);
    }
    await store.ensureIndex();
    return store;
  }

  /** The S3 client of this store, for companions on the same bucket (the shared dev token). */
  get client(): S3Client {
    return this.s3;
  }

  get bucketName(): string {
    return this.bucket;
  }

  /**
   * Index entry first, then the record and its marker in the bucket, then the cache: a crash
   * anywhere in between leaves an index entry that the sweeper follows at expiry, and it removes
   * whatever part of the content was written (`purgeExpired`).
   */
  async insert(record: ContentRecord): Promise<void> {
    await this.index.reserve(record.id, record.expiresAt);
    await this.records.create(record);
    await this.index.putRecord(record);
  }

  async get(id: string): Promise<ContentRecord | undefined> {
    if (!isStorageId(id)) return undefined;
    const cached = await this.index.getRecord(id);
    if (cached !== undefined) return cached;
    // Not cached (Redis lost its data, or another replica wrote it before a restart): the bucket
    // has the record, and the upload info the real offset.
    const stored = await this.records.get(id);
    if (stored === undefined) return undefined;
    const record = isComplete(stored) ? stored : { ...stored, ...(await this.progressOf(id)) };
    // Refused when the content was removed meanwhile: this answer may be stale, the cache not.
    await this.index.putRecord(record);
    return record;
  }

  async updateProgress(
    id: string,
    progress: { offset: number; size?: number | null; updatedAt: Date },
  ): Promise<void> {
    const record = await this.get(id);
    if (record === undefined) throw new Error(`updateProgress: unknown content ${id}`);
    const next: ContentRecord = {
      ...record,
      offset: progress.offset,
      updatedAt: progress.updatedAt,
      ...(progress.size === undefined ? {} : { size: progress.size }),
    };
    if (!(await this.index.putRecord(next))) {
      throw new Error(`updateProgress: content ${id} was removed`);
    }
    // The bucket copy changes only when something durable does: the size becomes known, or
    // the content completes (its final UpdatedAt). Offsets of a running upload live in Redis
    // and, authoritatively, in the multipart upload itself.
    if (next.size !== record.size || (isComplete(next) && !isComplete(record))) {
      await this.records.save(next);
      // A removal that started after the check above may have deleted the record object
      // before this save wrote it back: without a second delete it would outlive its bytes.
      if (await this.index.wasRemoved(id)) {
        await this.records.delete(id, next.expiresAt.getTime());
        throw new Error(`updateProgress: content ${id} was removed`);
      }
    }
  }

  /** Rejects (NoSuchKey) before any byte when the object is missing: the SDK awaits the headers. */
  async openRead(id: string, range?: ByteRange): Promise<Readable> {
    assertStorageId(id);
    try {
      const answer = await this.s3.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: id,
          ...(range === undefined ? {} : { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      return answer.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BytesMissingError(id);
      throw error;
    }
  }

  async presignDownload(
    id: string,
    options: { contentType: string; contentDisposition: string; expiresInSeconds: number },
  ): Promise<string> {
    assertStorageId(id);
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: id,
        ResponseContentType: options.contentType,
        ResponseContentDisposition: options.contentDisposition,
      }),
      { expiresIn: options.expiresInSeconds },
    );
  }

  /** Nothing here runs out of room: the same steps as a removal. */
  async discard(id: string): Promise<void> {
    await this.remove(id);
  }

  async remove(id: string): Promise<void> {
    if (!isStorageId(id)) return;
    // The tombstone first, so that no replica caches the record again while it goes (it
    // deletes nothing, so a crash right after it orphans nothing either).
    await this.index.markRemoved(id);
    // Bytes first (aborting an unfinished multipart upload), then the record, then the index:
    // a crash in between leaves a record that the next sweep or DELETE finishes, never bytes
    // that nothing points to.
    try {
      await this.tusStore.remove(id);
    } catch (error) {
      // @tus/s3-store gives up (FILE_NOT_FOUND) when the multipart upload is already complete,
      // before deleting anything: the objects are deleted below in every case.
      if (error !== ERRORS.FILE_NOT_FOUND && !isNotFound(error)) throw error;
    }
    // The object, its upload info, and the trailing part (smaller than S3's minimum part size)
    // an unfinished upload may hold.
    await this.s3.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: {
          Objects: [{ Key: id }, { Key: `${id}.info` }, { Key: `${id}.part` }],
          Quiet: true,
        },
      }),
    );
    await this.uploadInfoCache.delete(id);
    const record = (await this.index.getRecord(id)) ?? (await this.records.get(id));
    // Without a record (an insert cut short), the index entry still tells which marker it has.
    const expiresAt = record?.expiresAt.getTime() ?? (await this.index.expiryOf(id));
    // A final upload still waiting for partials leaves no markers behind.
    if (record?.concat?.kind === 'final') await this.stopAwaiting(id, record.concat.partialIds);
    await this.records.delete(id, expiresAt);
    await this.index.forget(id);
  }

  async awaitPartials(finalId: string, partialIds: readonly string[]): Promise<void> {
    await this.records.awaitPartials(finalId, partialIds);
  }

  async finalsAwaiting(partialId: string): Promise<string[]> {
    return this.records.finalsAwaiting(partialId);
  }

  async stopAwaiting(finalId: string, partialIds: readonly string[]): Promise<void> {
    await this.records.stopAwaiting(finalId, partialIds);
  }

  async listExpired(now: Date, limit: number): Promise<string[]> {
    await this.ensureIndex();
    return this.index.expired(now, limit);
  }

  async purgeExpired(id: string, now: Date): Promise<boolean> {
    if (!isStorageId(id)) return false;
    if (!(await this.index.claim(id, this.owner, this.claimLeaseMs))) return false;
    try {
      const record = await this.get(id);
      if (record === undefined) {
        // An index entry without a record: an insert cut short by a crash (its marker may be
        // in the bucket), or a rebuild that listed a marker just before its content went.
        // Clear whatever is left; no content was purged. Not indexed any more: another
        // replica purged it since this one listed it (the common case), nothing to do.
        if ((await this.index.expiryOf(id)) !== undefined) await this.remove(id);
        return false;
      }
      if (!isExpired(record, now)) return false;
      await this.remove(id);
      return true;
    } finally {
      await this.index.release(id, this.owner);
    }
  }

  /**
   * Both checks at once, each within READY_TIMEOUT_MS: a balancer's probe must answer quickly,
   * and a hung Redis or store is as unready as a dead one. The HeadBucket is aborted, not just
   * abandoned, so the SDK's retries do not pile up behind frequent probes.
   */
  async isReady(): Promise<boolean> {
    const signal = AbortSignal.timeout(READY_TIMEOUT_MS);
    const redisAnswers = Promise.race([
      this.redis.ping(),
      new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    ]);
    const bucketAnswers = this.s3.send(new HeadBucketCommand({ Bucket: this.bucket }), {
      abortSignal: signal,
    });
    const [redis, bucket] = await Promise.allSettled([redisAnswers, bucketAnswers]);
    return redis.status === 'fulfilled' && bucket.status === 'fulfilled';
  }

  async close(): Promise<void> {
    await this.rebuilding?.catch(() => undefined);
    this.s3.destroy();
    this.tusStore.destroy();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Rebuilds the expiry index from the bucket's markers when Redis does not have it. */
  async ensureIndex(): Promise<void> {
    if (await this.index.isBuilt()) return;
    this.rebuilding ??= this.rebuild().finally(() => {
      this.rebuilding = undefined;
    });
    await this.rebuilding;
  }

  private async rebuild(): Promise<void> {
    // One replica rebuilds; the others keep serving (reads fall back to the bucket) and find
    // the index built on a later pass.
    if (!(await this.index.tryRebuildLease(this.owner, REBUILD_LEASE_MS))) return;
    try {
      for await (const page of this.records.expiries()) {
        await this.index.addExpiries(page);
        // Lost (Redis restarted empty meanwhile): stop; the next check starts over.
        if (!(await this.index.renewRebuildLease(this.owner, REBUILD_LEASE_MS))) return;
      }
      await this.index.markBuilt(this.owner);
    } finally {
      await this.index.endRebuildLease(this.owner);
    }
  }

  /** Offset (and size) of an unfinished upload, from @tus/s3-store's view of its parts. */
  private async progressOf(id: string): Promise<{ offset: number; size?: number }> {
    try {
      const upload = await this.tusStore.getUpload(id);
      return upload.size === undefined
        ? { offset: upload.offset }
        : { offset: upload.offset, size: upload.size };
    } catch (error) {
      if (error === ERRORS.FILE_NOT_FOUND || isNotFound(error)) return { offset: 0 };
      throw error;
    }
  }
}

function reason(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  const text = e?.message && e.message !== 'UnknownError' ? e.message : (e?.name ?? String(error));
  return status === undefined ? text : `${text} (HTTP ${status})`;
}
