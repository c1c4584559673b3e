import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { authPlugin } from '../../auth/auth-plugin.js';
import { loadConfig } from '../../config/server-config.js';
import { ContentService } from '../../contents/content-service.js';
import { registerErrorHandling } from '../../errors/error-handler.js';
import { RedisLocker } from '../../locks/redis-locker.js';
import { openBackend } from '../../storage/open-backend.js';
import { type BackendKind, backendEnv } from '../../test-support/backends.js';
import { TOKENS } from '../../test-support/test-app.js';
import { type LockTimings, tusRoutes } from '../tus-routes.js';

/**
 * Only the tus routes (behind the real auth plugin and error handling), with lock timings the
 * full app does not expose: the 423 path needs a holder that outlasts a waiter's timeout. On
 * `s3`, locks are the cross-replica RedisLocker with the same acquire timeout.
 */
export async function startLockTestApp(
  lockTimings: LockTimings,
  backend: BackendKind = 'fs',
): Promise<{ filesUrl: string; dataDir: string; close(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tc-tus-lock-'));
  const config = loadConfig({
    TC_DATA_DIR: dataDir,
    TC_STATIC_TOKENS: `${TOKENS.alice}=acme:alice`,
    TC_LOG_LEVEL: 'silent',
    ...(await backendEnv(backend)),
  });
  const opened = await openBackend(config);
  const locker =
    config.storage.kind === 's3'
      ? new RedisLocker({
          redisUrl: config.storage.redisUrl,
          keyPrefix: config.storage.redisPrefix,
          acquireTimeoutMs: lockTimings.acquireTimeoutMs,
        })
      : undefined;
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  await app.register(async (api) => {
    await api.register(authPlugin, { auth: config.auth });
    await api.register(tusRoutes, {
      config,
      service: new ContentService(opened.deps.store),
      lockTimings,
      ...(locker === undefined ? {} : { locker }),
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    filesUrl: `http://127.0.0.1:${address.port}/api/v1/temp-contents/files`,
    dataDir,
    async close() {
      await app.close();
      await opened.close();
      await locker?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
