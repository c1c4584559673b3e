#!/usr/bin/env node
/**
 * CI entry: starts our own server (embedded storage, static tokens for two tenants, a temp data
 * dir) on an ephemeral loopback port, installs Schemathesis if `local` mode needs it, runs the
 * full conformance CLI against it and exits with the CLI's code.
 *
 *   node dist/self-check/self-check.js [--max-examples N] [--schemathesis local|off] [CLI flags...]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, loadConfig } from '@temp-contents/server';
import { localSchemathesisBinary } from '../schemathesis/schemathesis-paths.js';
import { setupSchemathesis } from '../setup/setup-schemathesis.js';

const TOKENS = { owner: 'selfcheck-owner-token', other: 'selfcheck-other-tenant-token' };

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  if (!args.includes('--max-examples')) args.push('--max-examples', '20');
  if (!args.includes('--seed')) args.push('--seed', '1');
  const modeIndex = args.indexOf('--schemathesis');
  const mode = modeIndex >= 0 ? args[modeIndex + 1] : 'local';
  if (modeIndex < 0) args.push('--schemathesis', 'local');
  if (mode === 'local' && !localSchemathesisBinary()) {
    const code = await setupSchemathesis({
      python: process.env.PYTHON ?? 'python3',
      log: (line) => console.log(`setup: ${line}`),
    });
    if (code !== 0) return code;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'tc-selfcheck-'));
  const config = loadConfig({
    TC_DATA_DIR: dataDir,
    TC_STATIC_TOKENS: `${TOKENS.owner}=tenant-a:owner,${TOKENS.other}=tenant-b:other`,
    TC_RATE_LIMIT: 'off',
    TC_LOG_LEVEL: process.env.TC_LOG_LEVEL ?? 'silent',
    TC_MAX_UPLOAD_BYTES: String(64 * 1024 * 1024),
  });
  const app = buildApp(config);
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    console.log(`self-check: our server at ${baseUrl} (data dir ${dataDir})`);
    const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
    return await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          cli,
          '--base-url',
          baseUrl,
          '--token',
          TOKENS.owner,
          '--token-other-tenant',
          TOKENS.other,
          ...args,
        ],
        { stdio: 'inherit' },
      );
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 3;
  },
);
