import { randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  type RunningObjectStore,
  type RunningRedis,
  startObjectStore,
  startRedis,
} from '@temp-contents/stack';
import { Redis } from 'ioredis';
import { S3ContentStore, type S3ContentStoreOptions } from '../s3-content-store.js';

/**
 * A real object store (versitygw) and Redis for one test file, shared by its tests; each test
 * store gets a bucket and a Redis key prefix of its own, so tests never see each other's data.
 */
export interface S3Services {
  objects: RunningObjectStore;
  redis: RunningRedis;
  /** Options for a store on a fresh bucket and key prefix (or on `shareWith`'s, a replica). */
  newStoreOptions(shareWith?: S3ContentStoreOptions): Promise<S3ContentStoreOptions>;
  /** Deletes the bucket (objects and unfinished uploads first) and the Redis keys of `options`. */
  dispose(options: S3ContentStoreOptions): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3Services(): Promise<S3Services> {
  const [objects, redis] = await Promise.all([startObjectStore(), startRedis()]);
  // The AWS SDK's default credential chain reads these; servers get them the same way.
  process.env.AWS_ACCESS_KEY_ID = objects.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = objects.secretAccessKey;
  process.env.AWS_REGION = objects.region;
  return {
    objects,
    redis,
    async newStoreOptions(shareWith) {
      if (shareWith !== undefined) return { ...shareWith };
      const name = `t-${randomBytes(6).toString('hex')}`;
      await objects.createBucket(name);
      return {
        bucket: name,
        endpoint: objects.endpoint,
        region: objects.region,
        forcePathStyle: true,
        redisUrl: redis.url,
        keyPrefix: `${name}:`,
      };
    },
    async dispose(options) {
      const s3 = objects.client();
      try {
        await emptyBucket(s3, options.bucket);
        await s3.send(new DeleteBucketCommand({ Bucket: options.bucket }));
      } finally {
        s3.destroy();
      }
      // A test may have restarted or stopped Redis: its keys are gone with it then.
      const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const keys = await client.keys(`${options.keyPrefix ?? 'tc:'}*`);
        if (keys.length > 0) await client.del(...keys);
      } catch {
        // Nothing to clean in a Redis that does not answer.
      } finally {
        client.disconnect();
      }
    },
    async stop() {
      await Promise.all([objects.stop(), redis.stop()]);
    },
  };
}

async function emptyBucket(s3: S3Client, bucket: string): Promise<void> {
  const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  for (const upload of uploads.Uploads ?? []) {
    await s3.send(
      new AbortMultipartUploadCommand({
        Bucket: bucket,
        Key: upload.Key,
        UploadId: upload.UploadId,
      }),
    );
  }
  for (;;) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key }));
    if (keys.length === 0) return;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
}

export async function openS3Store(options: S3ContentStoreOptions): Promise<S3ContentStore> {
  return S3ContentStore.open(options);
}
