import type { Locker } from '@tus/utils';
import type { ServerConfig } from '../../config/server-config.js';
import { RedisLocker } from '../../locks/redis-locker.js';
import { RedisCounterStore } from '../../rate-limit/redis-counter-store.js';
import { DEFAULT_LOCK_TIMINGS } from '../../tus/tus-routes.js';
import type { Backend } from '../open-backend.js';
import { S3ContentStore } from './s3-content-store.js';
import { ensureSharedDevToken } from './shared-dev-token.js';

type S3Storage = Extract<ServerConfig['storage'], { kind: 's3' }>;

/** TC_STORAGE=s3: bucket + Redis, with locks and rate-limit counters in the same Redis. */
export async function openS3Backend(config: ServerConfig, storage: S3Storage): Promise<Backend> {
  const keyPrefix = storage.redisPrefix;
  const store = await S3ContentStore.open({
    bucket: storage.bucket,
    endpoint: storage.endpoint,
    region: storage.region,
    forcePathStyle: storage.forcePathStyle,
    redisUrl: storage.redisUrl,
    keyPrefix,
    // Parts of uploads of unknown length are sized so that the largest allowed one fits.
    maxUploadBytes: config.maxUploadBytes,
  });
  const locker: Locker & { close(): Promise<void> } = new RedisLocker({
    redisUrl: storage.redisUrl,
    keyPrefix,
    acquireTimeoutMs: DEFAULT_LOCK_TIMINGS.acquireTimeoutMs,
  });
  const counters = new RedisCounterStore({ redisUrl: storage.redisUrl, keyPrefix });
  const resources = [locker, counters];
  return {
    deps: { store, locker, rateLimitCounters: counters, resources },
    async devToken() {
      const { token } = await ensureSharedDevToken(store.client, storage.bucket);
      return { token, where: `s3://${storage.bucket}/dev-token` };
    },
    async close() {
      await store.close();
      for (const resource of resources) await resource.close();
    },
  };
}
