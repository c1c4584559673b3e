import { GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { startObjectStore } from './object-store.js';
import { ping, startRedis } from './redis.js';

describe('startRedis', () => {
  it('answers PING on its port, and nothing answers once stopped', async () => {
    const redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await ping(redis.port)).toBe(true);
    await redis.stop();
    expect(await ping(redis.port, 500)).toBe(false);
  });

  it('restarts on the same port after kill9', async () => {
    await using redis = await startRedis();
    await redis.kill9();
    expect(await ping(redis.port, 500)).toBe(false);
    await redis.restart();
    expect(await ping(redis.port)).toBe(true);
  });
});

describe('startObjectStore (versitygw)', () => {
  it('serves S3 with its bucket: put, ranged get, another bucket; stops without a trace', async () => {
    const store = await startObjectStore({ bucket: 'first-bucket' });
    const s3 = store.client();
    try {
      await s3.send(new PutObjectCommand({ Bucket: 'first-bucket', Key: 'k/v', Body: 'hello' }));
      const got = await s3.send(
        new GetObjectCommand({ Bucket: 'first-bucket', Key: 'k/v', Range: 'bytes=1-3' }),
      );
      expect(await got.Body?.transformToString()).toBe('ell');
      await store.createBucket('second-bucket');
      const names = (await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name);
      expect(names).toEqual(expect.arrayContaining(['first-bucket', 'second-bucket']));
      expect(store.env).toMatchObject({
        TC_S3_ENDPOINT: store.endpoint,
        TC_S3_BUCKET: 'first-bucket',
        TC_S3_FORCE_PATH_STYLE: 'true',
      });
    } finally {
      s3.destroy();
      await store.stop();
    }
    const answered = await fetch(store.endpoint, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    expect(answered).toBe(false);
  });
});
