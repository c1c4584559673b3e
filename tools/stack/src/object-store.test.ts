import { existsSync } from 'node:fs';
import {
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { groupAlive } from './child-process.js';
import { startObjectStore } from './object-store.js';

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
    expect(groupAlive(store.pid as number)).toBe(false);
    expect(existsSync(store.dataDir)).toBe(false);
    const answered = await fetch(store.endpoint, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    expect(answered).toBe(false);
  });

  it('after kill9 answers nothing, and dispose still removes its data dir', async () => {
    let dataDir = '';
    {
      await using store = await startObjectStore();
      dataDir = store.dataDir;
      expect(existsSync(`${dataDir}/temp-contents`)).toBe(true);
      await store.kill9();
      expect(groupAlive(store.pid as number)).toBe(false);
      const answered = await fetch(store.endpoint, { signal: AbortSignal.timeout(1000) }).then(
        () => true,
        () => false,
      );
      expect(answered).toBe(false);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses credentials other than its own (what readiness relies on to know it is ours)', async () => {
    await using first = await startObjectStore();
    await using second = await startObjectStore();
    const stranger = new S3Client({
      endpoint: first.endpoint,
      region: first.region,
      forcePathStyle: true,
      credentials: { accessKeyId: second.accessKeyId, secretAccessKey: second.secretAccessKey },
      maxAttempts: 1,
    });
    try {
      // versitygw answers XAdminUserNotFound: it knows no user with that key.
      await expect(stranger.send(new ListBucketsCommand({}))).rejects.toThrow('No user exists');
    } finally {
      stranger.destroy();
    }
  });
});
