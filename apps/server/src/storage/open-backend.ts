import type { Locker } from '@tus/utils';
import type { AppDeps } from '../app.js';
import { ensureDevToken } from '../auth/dev-token.js';
import type { ServerConfig } from '../config/server-config.js';
import { RedisLocker } from '../locks/redis-locker.js';
import { RedisCounterStore } from '../rate-limit/redis-counter-store.js';
import { DEFAULT_LOCK_TIMINGS } from '../tus/tus-routes.js';
import type { ContentStore } from './content-store.js';
import { FileContentStore } from './file-content-store.js';
import { S3ContentStore } from './s3/s3-content-store.js';
import { ensureSharedDevToken } from './s3/shared-dev-token.js';

/** What TC_STORAGE selects: the store, and what must be shared with it across replicas. */
export interface Backend {
  deps: AppDeps & { store: ContentStore };
  /** The development token of this storage (zero-config starts), and where it is kept. */
  devToken(): Promise<{ token: string; where: string }>;
  /** Closes everything opened here; for failures before the app owns it. */
  close(): Promise<void>;
}

/**
 * Opens the configured storage. `fs`: local disk + SQLite, in-process locks and counters (one
 * process per data dir). `s3`: bucket + Redis, with locks and rate-limit counters in the same
 * Redis so every replica shares them. Fails with one line when the bucket or Redis does not
 * answer.
 */
export async function openBackend(config: ServerConfig): Promise<Backend> {
  const { storage } = config;
  if (storage.kind === 'fs') {
    const store = new FileContentStore(config.dataDir);
    return {
      deps: { store },
      async devToken() {
        const { token } = await ensureDevToken(config.dataDir);
        return { token, where: `${config.dataDir}/dev-token` };
      },
      close: () => store.close(),
    };
  }
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
