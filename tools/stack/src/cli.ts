#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDeployment } from './deployment.js';

const USAGE = `Usage: temp-contents-stack up [--replicas N] [--storage s3|fs] [--env KEY=VALUE ...]

Starts N replicas of the built server (apps/server/dist) behind nginx, on versitygw + Redis
(--storage s3, the default) or a data dir each (fs), all on loopback. Prints one JSON line
{"baseUrl", "replicas", "devToken"} when ready, then runs until SIGTERM or SIGINT and stops
everything it started. Killed outright (SIGKILL), it leaves nothing behind either: a watchdog
process kills what it started and removes its temp dirs.

Example:
  temp-contents-stack up --replicas 2 --env TC_STATIC_TOKENS=secret=acme:ci`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      replicas: { type: 'string', default: '2' },
      storage: { type: 'string', default: 's3' },
      env: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'up') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const replicas = Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) {
    throw new Error(`--replicas must be an integer from 1 to 16, not ${values.replicas}`);
  }
  if (values.storage !== 's3' && values.storage !== 'fs') {
    throw new Error(`--storage must be s3 or fs, not ${values.storage}`);
  }
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--env takes KEY=VALUE, not ${pair}`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const deployment = await startDeployment({ replicas, storage: values.storage, env });
  process.stdout.write(
    `${JSON.stringify({
      baseUrl: deployment.baseUrl,
      replicas: deployment.replicas.map((r) => r.baseUrl),
      devToken: deployment.devToken,
    })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    deployment.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `temp-contents-stack: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
