#!/usr/bin/env node
/**
 * CI entry: starts our own server (embedded storage, static tokens for two tenants, a temp data
 * dir) on an ephemeral loopback port, installs Schemathesis if `local` mode needs it, runs the
 * full conformance CLI against it and exits with the CLI's code. With `--deployment scale-out`
 * the target is the scale-out deployment instead: two replicas of the built server on
 * versitygw + Redis behind nginx (@temp-contents/stack), every request through the balancer.
 *
 *   node dist/self-check/self-check.js [--deployment single|scale-out] [--max-examples N]
 *     [--schemathesis local|off] [CLI flags...]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDeployment } from '@temp-contents/stack';
import { localSchemathesisBinary } from '../schemathesis/schemathesis-paths.js';
import { setupSchemathesis } from '../setup/setup-schemathesis.js';
import { startOwnServer } from './own-server.js';

const TOKENS = { owner: 'selfcheck-owner-token', other: 'selfcheck-other-tenant-token' };

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const deploymentIndex = args.indexOf('--deployment');
  const deployment = deploymentIndex >= 0 ? args[deploymentIndex + 1] : 'single';
  if (deploymentIndex >= 0) args.splice(deploymentIndex, 2);
  if (deployment !== 'single' && deployment !== 'scale-out') {
    console.error(`self-check: --deployment must be single or scale-out, not ${deployment}`);
    return 2;
  }
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
  const env = {
    TC_STATIC_TOKENS: `${TOKENS.owner}=tenant-a:owner,${TOKENS.other}=tenant-b:other`,
    TC_RATE_LIMIT: 'off',
    TC_LOG_LEVEL: process.env.TC_LOG_LEVEL ?? 'silent',
    TC_MAX_UPLOAD_BYTES: String(64 * 1024 * 1024),
  };
  const server =
    deployment === 'single'
      ? await startOwnServer(env)
      : await startDeployment({ replicas: 2, storage: 's3', env });
  try {
    console.log(
      'dataDir' in server
        ? `self-check: our server at ${server.baseUrl} (data dir ${server.dataDir})`
        : `self-check: 2 replicas (${server.replicas.map((r) => r.baseUrl).join(', ')}) on versitygw + Redis behind nginx at ${server.baseUrl}`,
    );
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
