import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../app.js';
import { loadConfig, type ServerConfig } from '../config/server-config.js';
import { openBackend } from '../storage/open-backend.js';
import { type BackendKind, backendEnv } from './backends.js';

/** Static tokens of the test apps: two subjects in tenant `acme`, one in tenant `globex`. */
export const TOKENS = {
  alice: 'test-token-acme-alice',
  bob: 'test-token-acme-bob',
  carol: 'test-token-globex-carol',
} as const;

export const PRINCIPALS = {
  alice: { tenant: 'acme', subject: 'alice' },
  bob: { tenant: 'acme', subject: 'bob' },
  carol: { tenant: 'globex', subject: 'carol' },
} as const;

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export interface TestApp extends AsyncDisposable {
  app: FastifyInstance;
  config: ServerConfig;
  dataDir: string;
  /** Listens on an ephemeral loopback port and returns `http://127.0.0.1:<port>`. */
  listen(): Promise<string>;
  /** Closes the app and removes the data dir (unless `keepDataDir`). */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Reuse a data dir (restart tests); it is then left in place on close. */
  dataDir?: string;
  /** Environment on top of the test defaults (tokens, rate limit off, silent logs). */
  env?: Record<string, string>;
  /** Edits applied to the parsed config (e.g. tiny rate limits). */
  configure?: (config: ServerConfig) => void;
  deps?: AppDeps;
  /** Storage: `fs` (default) or `s3` on the run's versitygw + Redis, a fresh bucket each. */
  backend?: BackendKind;
}

/**
 * A full app on a fresh temp data dir with static tokens for two tenants. Use with
 * `await using t = await createTestApp()` or call `close()` in afterEach.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'tc-app-')));
  const config = loadConfig({
    TC_DATA_DIR: dataDir,
    TC_STATIC_TOKENS: Object.entries(TOKENS)
      .map(([who, token]) => {
        const p = PRINCIPALS[who as keyof typeof TOKENS];
        return `${token}=${p.tenant}:${p.subject}`;
      })
      .join(','),
    TC_RATE_LIMIT: 'off',
    TC_LOG_LEVEL: 'silent',
    ...(await backendEnv(options.backend ?? 'fs')),
    ...options.env,
  });
  options.configure?.(config);
  // The s3 backend is opened as main.ts opens it (store, shared locker and counters).
  const backendDeps = config.storage.kind === 's3' ? (await openBackend(config)).deps : {};
  const app = buildApp(config, { ...backendDeps, ...options.deps });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
  };
  return {
    app,
    config,
    dataDir,
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      return `http://127.0.0.1:${address.port}`;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
