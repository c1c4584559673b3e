import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Upload } from '@tus/utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  describeContentStore,
  makeRecord,
  storeBytes,
} from '../test-support/content-store-behaviour.js';
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
    options = undefined;
  },
});

describe('S3ContentStore across replicas and Redis failures', () => {
  const stores: S3ContentStore[] = [];
  const open = async (shareWith?: S3ContentStoreOptions) => {
    const opts = await services.newStoreOptions(shareWith);
    const store = await openS3Store(opts);
    stores.push(store);
    return { store, opts };
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  const now = new Date(Date.UTC(2030, 0, 2));

  it('loses no content when Redis restarts empty: records, bytes, progress and expiry come back from the bucket', async () => {
    const { store } = await open();
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
    // The expiry index is rebuilt from the bucket's markers on the next sweep.
    expect(await store.listExpired(now, 10)).toEqual([complete.id]);
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

  it('removing an unfinished upload aborts its multipart upload and leaves no object', async () => {
    const { store, opts } = await open();
    const record = makeRecord({ size: 50 });
    await store.insert(record);
    await store.tusStore.create(new Upload({ id: record.id, size: 50, offset: 0 }));
    await store.tusStore.write(Readable.from([randomBytes(20)]), record.id, 0);
    const s3 = services.objects.client();
    try {
      const before = await s3.send(new ListMultipartUploadsCommand({ Bucket: opts.bucket }));
      expect(before.Uploads?.map((u) => u.Key)).toContain(record.id);
      await store.remove(record.id);
      const after = await s3.send(new ListMultipartUploadsCommand({ Bucket: opts.bucket }));
      expect(after.Uploads ?? []).toEqual([]);
      const objects = await s3.send(new ListObjectsV2Command({ Bucket: opts.bucket }));
      expect(objects.Contents ?? []).toEqual([]);
    } finally {
      s3.destroy();
    }
  });

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
      'an unreachable Redis',
      { redisUrl: 'redis://127.0.0.1:1' },
      /^cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /,
    ],
  ])('open() fails with one clear line on %s', async (_name, override, message) => {
    const opts = { ...(await services.newStoreOptions()), ...override };
    const error = await openS3Store(opts).then(
      () => undefined,
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
    }
  });
});
