import { randomBytes } from 'node:crypto';
import {
  type RunningObjectStore,
  type RunningRedis,
  startObjectStore,
  startRedis,
} from '@temp-contents/stack';
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
    async stop() {
      await Promise.all([objects.stop(), redis.stop()]);
    },
  };
}

export async function openS3Store(options: S3ContentStoreOptions): Promise<S3ContentStore> {
  return S3ContentStore.open(options);
}
