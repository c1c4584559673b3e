#!/usr/bin/env node
/**
 * CI entry: starts our own server (embedded storage, static tokens for two tenants, a temp data
 * dir) on an ephemeral loopback port, installs Schemathesis if `local` mode needs it, runs the
 * full conformance CLI against it and exits with the CLI's code.
 *
 *   node dist/self-check/self-check.js [--max-examples N] [--schemathesis local|off] [CLI flags...]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { localSchemathesisBinary } from '../schemathesis/schemathesis-paths.js';
import { setupSchemathesis } from '../setup/setup-schemathesis.js';
import { startOwnServer } from './own-server.js';

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
  const server = await startOwnServer({
    TC_STATIC_TOKENS: `${TOKENS.owner}=tenant-a:owner,${TOKENS.other}=tenant-b:other`,
    TC_RATE_LIMIT: 'off',
    TC_LOG_LEVEL: process.env.TC_LOG_LEVEL ?? 'silent',
    TC_MAX_UPLOAD_BYTES: String(64 * 1024 * 1024),
  });
  try {
    console.log(`self-check: our server at ${server.baseUrl} (data dir ${server.dataDir})`);
    const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
    return await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          cli,
          '--base-url',
          server.baseUrl,
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
    await server.close();
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
