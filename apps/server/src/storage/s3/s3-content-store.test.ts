import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@tus/utils';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  describeContentStore,
  makeRecord,
  storeBytes,
} from '../test-support/content-store-behaviour.js';
import { RedisIndex } from './redis-index.js';
import type { S3ContentStore, S3ContentStoreOptions } from './s3-content-store.js';
import { ensureSharedDevToken } from './shared-dev-token.js';
import { openS3Store, type S3Services, startS3Services } from './test-support/s3-services.js';

let services: S3Services;
let options: S3ContentStoreOptions | undefined;

beforeAll(async () => {
  services = await startS3Services();
});
afterAll(async () => {
  await services?.stop();
});

describeContentStore('S3 (versitygw) + Redis', {
  async open() {
    options = await services.newStoreOptions();
    return openS3Store(options);
  },
  async reopen() {
    return openS3Store(options as S3ContentStoreOptions);
  },
  async cleanup() {
    if (options !== undefined) await services.dispose(options);
    options = undefined;
  },
});

const MiB = 1024 * 1024;

describe('S3ContentStore across replicas and Redis failures', () => {
  const stores: S3ContentStore[] = [];
  const buckets = new Map<string, S3ContentStoreOptions>();
  const open = async (
    shareWith?: S3ContentStoreOptions,
    extra: Partial<S3ContentStoreOptions> = {},
  ) => {
    const opts = { ...(await services.newStoreOptions(shareWith)), ...extra };
    buckets.set(opts.bucket, opts);
    const store = await openS3Store(opts);
    stores.push(store);
    return { store, opts };
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const opts of buckets.values()) await services.dispose(opts);
    buckets.clear();
  });
  const now = new Date(Date.UTC(2030, 0, 2));

  it('loses no content when Redis restarts empty: records, bytes, progress and expiry come back from the bucket', async () => {
    const { store, opts } = await open();
    const { store: replica } = await open(opts);
    const bytes = randomBytes(3000);
    const complete = await storeBytes(store, bytes, { expiresAt: new Date(now.getTime() - 1) });
    const partial = makeRecord({ size: 100, expiresAt: new Date(now.getTime() + 60_000) });
    await store.insert(partial);
    await store.tusStore.create(new Upload({ id: partial.id, size: 100, offset: 0 }));
    const offset = await store.tusStore.write(Readable.from([randomBytes(40)]), partial.id, 0);
    await store.updateProgress(partial.id, { offset, updatedAt: partial.updatedAt });

    await services.redis.restart({ empty: true });

    expect(await store.get(complete.id)).toEqual(complete);
    expect((await buffer(await store.openRead(complete.id))).equals(bytes)).toBe(true);
    expect(await store.get(partial.id)).toMatchObject({ offset: 40, size: 100 });
    // The expiry index is rebuilt from the bucket's markers on the next sweep; two replicas
    // sweeping at that moment both ask, one of them rebuilds, neither fails.
    await Promise.all([store.listExpired(now, 10), replica.listExpired(now, 10)]);
    for (const s of [store, replica]) {
      await expect.poll(() => s.listExpired(now, 10), { timeout: 30_000 }).toEqual([complete.id]);
    }
    expect(await replica.get(partial.id)).toMatchObject({ offset: 40, size: 100 });
  });

  it('a second replica on the same bucket and Redis sees records and progress at once', async () => {
    const { store: a, opts } = await open();
    const { store: b } = await open(opts);
    const record = makeRecord({ size: 10 });
    await a.insert(record);
    await a.tusStore.create(new Upload({ id: record.id, size: 10, offset: 0 }));
    const offset = await a.tusStore.write(Readable.from([Buffer.from('01234')]), record.id, 0);
    await a.updateProgress(record.id, { offset, updatedAt: record.updatedAt });
    expect(await b.get(record.id)).toMatchObject({ offset: 5 });
    // b continues the upload a started, and both read the same bytes.
    const end = await b.tusStore.write(Readable.from([Buffer.from('56789')]), record.id, 5);
    await b.updateProgress(record.id, { offset: end, updatedAt: record.updatedAt });
    expect((await buffer(await a.openRead(record.id))).toString()).toBe('0123456789');
  });

  it('two replicas sweeping at once purge each expired content exactly once', async () => {
    const { store: a, opts } = await open();
    const { store: b } = await open(opts);
    const expired = [];
    for (let i = 0; i < 12; i++) {
      expired.push(
        await storeBytes(a, randomBytes(16), { expiresAt: new Date(now.getTime() - i) }),
      );
    }
    const sweep = async (store: S3ContentStore) => {
      let purged = 0;
      for (const id of await store.listExpired(now, 100)) {
        if (await store.purgeExpired(id, now)) purged += 1;
      }
      return purged;
    };
    const [byA, byB] = await Promise.all([sweep(a), sweep(b)]);
    expect(byA + byB).toBe(12);
    for (const record of expired) expect(await a.get(record.id)).toBeUndefined();
    expect(await b.listExpired(now, 100)).toEqual([]);
  });

  it.each([
    ['removed', (store: S3ContentStore, id: string) => store.remove(id)],
    [
      'purged by the sweeper',
      async (store: S3ContentStore, id: string) => {
        expect(await store.listExpired(now, 10)).toEqual([id]);
        expect(await store.purgeExpired(id, now)).toBe(true);
      },
    ],
  ])(
    'an expired unfinished upload %s has its multipart upload aborted and leaves no object',
    async (_name, drop) => {
      const { store, opts } = await open();
      const record = makeRecord({ size: 50, expiresAt: new Date(now.getTime() - 1) });
      await store.insert(record);
      await store.tusStore.create(new Upload({ id: record.id, size: 50, offset: 0 }));
      await store.tusStore.write(Readable.from([randomBytes(20)]), record.id, 0);
      const s3 = services.objects.client();
      try {
        const before = await s3.send(new ListMultipartUploadsCommand({ Bucket: opts.bucket }));
        expect(before.Uploads?.map((u) => u.Key)).toContain(record.id);
        await drop(store, record.id);
        const after = await s3.send(new ListMultipartUploadsCommand({ Bucket: opts.bucket }));
        expect(after.Uploads ?? []).toEqual([]);
        const objects = await s3.send(new ListObjectsV2Command({ Bucket: opts.bucket }));
        expect(objects.Contents ?? []).toEqual([]);
      } finally {
        s3.destroy();
      }
    },
  );

  it('completes a deferred-length upload when its length is declared after the last byte', async () => {
    const { store } = await open();
    const record = makeRecord({ size: null });
    await store.insert(record);
    await store.tusStore.create(new Upload({ id: record.id, offset: 0 }));
    const offset = await store.tusStore.write(
      Readable.from([Buffer.from('chunked')]),
      record.id,
      0,
    );
    await store.tusStore.declareUploadLength(record.id, offset);
    expect((await buffer(await store.openRead(record.id))).toString()).toBe('chunked');
  });

  it('splits a deferred-length upload into parts of the preferred size (bounded temp disk) and reads ranges across them', async () => {
    const { store, opts } = await open(undefined, { partSize: 5 * MiB });
    const bytes = randomBytes(12 * MiB);
    const record = makeRecord({ size: null });
    await store.insert(record);
    await store.tusStore.create(new Upload({ id: record.id, offset: 0 }));
    // Streamed in 256 KiB chunks, as a request body arrives.
    const chunks = function* () {
      for (let at = 0; at < bytes.length; at += 256 * 1024)
        yield bytes.subarray(at, at + 256 * 1024);
    };
    const offset = await store.tusStore.write(Readable.from(chunks()), record.id, 0);
    expect(offset).toBe(bytes.length);
    const s3 = services.objects.client();
    try {
      const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: opts.bucket }));
      const upload = uploads.Uploads?.find((u) => u.Key === record.id);
      const parts = await s3.send(
        new ListPartsCommand({ Bucket: opts.bucket, Key: record.id, UploadId: upload?.UploadId }),
      );
      // Not one part sized for a 5 TiB object (550 MB, spooled whole to temp disk first).
      expect(parts.Parts?.map((part) => part.Size)).toEqual([5 * MiB, 5 * MiB]);
    } finally {
      s3.destroy();
    }
    await store.tusStore.declareUploadLength(record.id, offset);
    await store.updateProgress(record.id, { offset, size: offset, updatedAt: record.updatedAt });
    for (const range of [
      { start: 5 * MiB - 10, end: 5 * MiB + 9 },
      { start: 0, end: 10 * MiB },
      { start: 12 * MiB - 1, end: 12 * MiB - 1 },
    ]) {
      const read = await buffer(await store.openRead(record.id, range));
      expect(read.equals(bytes.subarray(range.start, range.end + 1))).toBe(true);
    }
    expect((await buffer(await store.openRead(record.id))).equals(bytes)).toBe(true);
  });

  it('sweeps what an insert cut short by a crash left: an index entry and a marker, no record', async () => {
    const { store, opts } = await open();
    const id = makeRecord().id;
    const at = now.getTime() - 1000;
    const redis = new Redis(opts.redisUrl);
    const s3 = services.objects.client();
    try {
      await redis.zadd(`${opts.keyPrefix}expiry`, at, id);
      await s3.send(
        new PutObjectCommand({
          Bucket: opts.bucket,
          Key: `expiry/${String(at).padStart(15, '0')}/${id}`,
          Body: '',
          ContentLength: 0,
        }),
      );
      expect(await store.listExpired(now, 10)).toEqual([id]);
      expect(await store.purgeExpired(id, now)).toBe(false);
      expect(await store.listExpired(now, 10)).toEqual([]);
      const objects = await s3.send(new ListObjectsV2Command({ Bucket: opts.bucket }));
      expect(objects.Contents ?? []).toEqual([]);
    } finally {
      redis.disconnect();
      s3.destroy();
    }
  });

  it('rejects reads and URLs for ids that would name other objects', async () => {
    const { store } = await open();
    for (const id of ['records/x.json', 'x.info', '../x', '']) {
      await expect(store.openRead(id)).rejects.toThrow(/unsafe content id/);
      await expect(
        store.presignDownload(id, {
          contentType: 'a/b',
          contentDisposition: 'inline',
          expiresInSeconds: 5,
        }),
      ).rejects.toThrow(/unsafe content id/);
    }
  });

  it('is not ready, without throwing, once Redis stops answering, and ready again when it is back', async () => {
    const { store } = await open();
    await services.redis.kill9();
    try {
      const started = Date.now();
      expect(await store.isReady()).toBe(false);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await services.redis.restart();
    }
    await expect.poll(() => store.isReady(), { timeout: 30_000 }).toBe(true);
  });

  it('hands out presigned URLs that serve the bytes with the given headers', async () => {
    const { store } = await open();
    const record = await storeBytes(store, Buffer.from('presigned bytes'));
    const url = await store.presignDownload(record.id, {
      contentType: 'text/plain',
      contentDisposition: 'attachment; filename="a.txt"',
      expiresInSeconds: 60,
    });
    const response = await fetch(url, { headers: { range: 'bytes=0-8' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="a.txt"');
    expect(await response.text()).toBe('presigned');
  });

  it.each([
    [
      'a missing bucket',
      { bucket: 'no-such-bucket' },
      /^cannot reach bucket "no-such-bucket" at http/,
    ],
    [
      'an object store that does not answer',
      { endpoint: 'http://127.0.0.1:1' },
      /^cannot reach bucket "t-[0-9a-f]+" at http:\/\/127\.0\.0\.1:1: \S/,
    ],
    [
      'an unreachable Redis',
      { redisUrl: 'redis://127.0.0.1:1' },
      /^cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /,
    ],
  ])('open() fails with one clear line on %s', async (_name, override, message) => {
    const base = await services.newStoreOptions();
    buckets.set(base.bucket, base);
    const error = await openS3Store({ ...base, ...override }).then(
      (store) => store.close(),
      (e: Error) => e,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });
});

describe('ensureSharedDevToken', () => {
  it('gives replicas racing at start one token, created once, and the same one later', async () => {
    const opts = await services.newStoreOptions();
    const s3 = services.objects.client();
    try {
      const racing = await Promise.all(
        Array.from({ length: 4 }, () => ensureSharedDevToken(s3, opts.bucket)),
      );
      const tokens = new Set(racing.map((r) => r.token));
      expect(tokens.size).toBe(1);
      expect(racing.filter((r) => r.created)).toHaveLength(1);
      const [token] = tokens;
      expect(token).toMatch(/^dev_[A-Za-z0-9_-]{32}$/);
      expect(await ensureSharedDevToken(s3, opts.bucket)).toEqual({ token, created: false });
    } finally {
      s3.destroy();
      await services.dispose(opts);
    }
  });
});

describe('RedisIndex guards (real Redis)', () => {
  let redis: Redis;
  let index: RedisIndex;
  let prefix: string;
  beforeEach(() => {
    prefix = `guards-${randomBytes(4).toString('hex')}:`;
    redis = new Redis(services.redis.url);
    index = new RedisIndex(redis, prefix);
  });
  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('never caches or indexes a record again once its removal started', async () => {
    const record = makeRecord();
    expect(await index.putRecord(record)).toBe(true);
    await index.markRemoved(record.id);
    await index.forget(record.id);
    // A replica that read the record from the bucket just before it went, writing late.
    expect(await index.putRecord(record)).toBe(false);
    expect(await index.getRecord(record.id)).toBeUndefined();
    expect(await index.expiryOf(record.id)).toBeUndefined();
  });

  it('does not call an index complete when Redis lost the rebuild lease meanwhile', async () => {
    expect(await index.tryRebuildLease('me', 60_000)).toBe(true);
    expect(await index.tryRebuildLease('other', 60_000)).toBe(false);
    await redis.del(`${prefix}rebuilding`); // what a Redis restarted empty looks like
    expect(await index.markBuilt('me')).toBe(false);
    expect(await index.isBuilt()).toBe(false);
    expect(await index.tryRebuildLease('me', 60_000)).toBe(true);
    expect(await index.markBuilt('me')).toBe(true);
    expect(await index.isBuilt()).toBe(true);
    expect(await index.tryRebuildLease('other', 60_000)).toBe(true);
    expect(await index.renewRebuildLease('other', 60_000)).toBe(true);
    expect(await index.renewRebuildLease('me', 60_000)).toBe(false);
  });
});
