#!/usr/bin/env -S node --max-semi-space-size=2
import { buildApp } from './app.js';
import { DEV_PRINCIPAL } from './auth/dev-token.js';
import {
  ConfigError,
  hasNoAuth,
  loadConfig,
  redactUrlPassword as redactUrl,
  type ServerConfig,
} from './config/server-config.js';
import { openBackend } from './storage/open-backend.js';

/** Reads config, builds, listens, and shuts down gracefully; everything else is in buildApp. */
async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`temp-contents: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const backend = await openBackend(config);

  // Zero-config, yet never anonymous: without any auth configured, one development token is
  // kept with the storage (data dir or bucket, mode 0600 on disk) and reused across restarts
  // and by every replica.
  let devToken: { token: string; where: string } | undefined;
  if (hasNoAuth(config)) {
    devToken = await backend.devToken();
    config.auth.staticTokens.set(devToken.token, DEV_PRINCIPAL);
  }

  const app = buildApp(config, backend.deps);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const origin =
    config.publicUrl ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  const where =
    config.storage.kind === 'fs'
      ? `data in ${config.dataDir}`
      : `bucket ${config.storage.bucket}, Redis ${redactUrl(config.storage.redisUrl)}`;
  const lines = [`temp-contents listening on ${origin} (${where})`];
  if (devToken !== undefined) {
    lines.push(
      'No TC_STATIC_TOKENS / TC_JWT_SECRET / TC_JWKS_URL set: using the development token',
      `stored in ${devToken.where} (tenant "${DEV_PRINCIPAL.tenant}").`,
      'Try:',
      `  curl -H "Authorization: Bearer ${devToken.token}" --data-binary @README.md "${origin}/api/v1/temp-contents?filename=README.md"`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.log.info({ signal }, 'shutting down');
    // In-flight requests get a bounded time to finish; then their connections are cut so the
    // stores can close.
    const force = setTimeout(() => {
      app.log.warn('shutdown timeout: closing open connections');
      app.server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `temp-contents: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
