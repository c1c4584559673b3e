import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupAlive } from './child-process.js';
import { type RunningReplica, startReplica } from './replica.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

let replica: RunningReplica | undefined;
let data: TempDir | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await replica?.terminate();
  await data?.remove();
  replica = undefined;
  data = undefined;
});

async function answers(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/temp-contents/nope`, {
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  return response.status;
}

async function start(env: Record<string, string> = {}): Promise<RunningReplica> {
  data = await makeTempDir('tc-replica-test-');
  replica = await startReplica({
    TC_DATA_DIR: data.path,
    TC_STATIC_TOKENS: 'secret=acme:ci',
    TC_LOG_LEVEL: 'warn',
    ...env,
  });
  return replica;
}

describe('startReplica', () => {
  it('starts the built server on a free port, with no TC_* setting of ours', async () => {
    // Inherited, this would stop the server at startup (not fs or s3).
    vi.stubEnv('TC_STORAGE', 'nfs');
    const server = await start();
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stdout()).toContain(`listening on ${server.baseUrl}`);
    expect(await answers(server.baseUrl)).toBe(401);
    expect(Object.keys(server.env).sort()).toEqual(
      ['HOST', 'PATH', 'PORT', 'TC_DATA_DIR', 'TC_LOG_LEVEL', 'TC_STATIC_TOKENS'].sort(),
    );
    const pid = server.pid as number;
    await server.terminate();
    expect(groupAlive(pid)).toBe(false);
  });

  it('after kill9 answers nothing, and restarts with the same settings', async () => {
    const server = await start();
    const first = server.pid as number;
    await server.kill9();
    expect(groupAlive(first)).toBe(false);
    await expect(answers(server.baseUrl)).rejects.toThrow();
    await server.restart();
    expect(server.pid).not.toBe(first);
    expect(await answers(server.baseUrl)).toBe(401);
  });
});
