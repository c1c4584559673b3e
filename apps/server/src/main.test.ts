import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ensureServerBuilt,
  runServerToExit,
  type ServerProcess,
  startServerProcess,
} from './test-support/server-process.js';

// The real entry point (`node dist/main.js`), as `pnpm start` runs it.
let dataDir: string;
const running: ServerProcess[] = [];

beforeAll(() => ensureServerBuilt(), 120_000);
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'tc-main-'));
});
afterEach(async () => {
  for (const server of running.splice(0)) await server.kill9();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a bad setting stops the start with one line naming the variable', () => {
  it.each([
    ['PORT', 'http'],
    ['TC_MAX_UPLOAD_BYTES', '0'],
    ['TC_SWEEP_INTERVAL_MS', '5'],
    ['TC_JWT_SECRET', 'too-short'],
    ['TC_RATE_LIMIT', 'maybe'],
    ['TC_PUBLIC_URL', 'files.example.com'],
  ])('%s=%s', async (name, value) => {
    const result = await runServerToExit(dataDir, { [name]: value });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^temp-contents: ${name}=".*" is invalid: expected `));
    expect(result.stdout).not.toContain('listening');
  });
});

describe('scale-out storage that does not answer stops the start with one clear line', () => {
  it.each([
    [
      'Redis',
      { TC_REDIS_URL: 'redis://127.0.0.1:1' },
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /,
    ],
  ])('%s', async (_what, env, message) => {
    const result = await runServerToExit(dataDir, {
      TC_STORAGE: 's3',
      TC_S3_BUCKET: 'temp-contents',
      TC_S3_ENDPOINT: 'http://127.0.0.1:1',
      ...env,
    });
    expect(result.code).toBe(1);
    const failure = result.stderr.split('\n').filter((line) => line.startsWith('temp-contents:'));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatch(/^temp-contents: failed to start: /);
    expect(failure[0]).toMatch(message);
    expect(result.stdout).not.toContain('listening');
  });
});

describe('zero-config start', () => {
  it('prints a development token with a curl line; the token works and survives a restart', async () => {
    const first = await startServerProcess(dataDir, { TC_STATIC_TOKENS: '' });
    running.push(first);
    const banner = first.stdout();
    const token = (await readFile(path.join(dataDir, 'dev-token'), 'utf8')).trim();
    expect(banner).toContain(`curl -H "Authorization: Bearer ${token}"`);
    expect(banner).toContain(`${first.baseUrl}/api/v1/temp-contents?filename=`);

    const anonymous = await fetch(`${first.baseUrl}/api/v1/temp-contents`, {
      method: 'POST',
      body: 'x',
    });
    expect(anonymous.status).toBe(401);
    const upload = await fetch(`${first.baseUrl}/api/v1/temp-contents?filename=a.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: 'hello',
    });
    expect(upload.status).toBe(201);
    const location = upload.headers.get('location') ?? '';
    expect(await first.terminate()).toBe(0);

    const second = await startServerProcess(dataDir, { TC_STATIC_TOKENS: '' });
    running.push(second);
    expect(second.stdout()).toContain(`Bearer ${token}`);
    const download = await fetch(`${second.baseUrl}${location}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('hello');
  });

  it('with tokens configured, no development token is made or printed', async () => {
    const server = await startServerProcess(dataDir);
    running.push(server);
    expect(server.stdout()).not.toContain('development token');
    await expect(readFile(path.join(dataDir, 'dev-token'))).rejects.toThrow();
  });
});
