import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBalancer } from './nginx.js';
import { startObjectStore } from './object-store.js';
import { startRedis } from './redis.js';
import { requireBinary } from './required-binary.js';

let emptyTmp: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  if (emptyTmp !== undefined) await rm(emptyTmp, { recursive: true, force: true });
  emptyTmp = undefined;
});

const HINT = 'run `bash scripts/install-scale-out-deps.sh`';

const launchers: [string, { override: string; start: () => Promise<unknown> }][] = [
  ['redis-server', { override: 'REDIS_SERVER_BIN', start: startRedis }],
  ['nginx', { override: 'NGINX_BIN', start: () => startBalancer({ upstreams: ['http://x:1'] }) }],
  ['versitygw', { override: 'VERSITYGW_BIN', start: startObjectStore }],
];

describe('a launcher whose program is missing', () => {
  it.each(launchers)('%s: says how to install it, and makes no temp dir', async (name, c) => {
    const missing = `/nonexistent/${name}`;
    vi.stubEnv(c.override, missing);
    // A temp dir of its own (other runs on this machine make theirs in the shared one).
    emptyTmp = await mkdtemp(path.join(tmpdir(), 'tc-required-binary-test-'));
    vi.stubEnv('TMPDIR', emptyTmp);
    await expect(c.start()).rejects.toThrow(
      `${name} not found at ${missing}: ${HINT} (or set ${c.override})`,
    );
    expect(await readdir(emptyTmp)).toEqual([]);
  });
});

describe('requireBinary', () => {
  const cases: [string, { binary: string; found: boolean }][] = [
    ['a path that is there', { binary: '/bin/sh', found: true }],
    ['a bare name found on PATH', { binary: 'sh', found: true }],
    ['a path that is not there', { binary: '/nonexistent/sh', found: false }],
    ['a bare name on no PATH entry', { binary: 'tc-no-such-program', found: false }],
    ['a file that is not executable', { binary: '/etc/passwd', found: false }],
  ];
  it.each(cases)('%s', (_name, { binary, found }) => {
    const check = () => requireBinary('it', binary, 'IT_BIN');
    if (found) expect(check()).toMatch(/\/sh$/);
    else expect(check).toThrow(`it not found at ${binary}: ${HINT} (or set IT_BIN)`);
  });
});
