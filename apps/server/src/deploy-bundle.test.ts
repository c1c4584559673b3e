import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureServerBuilt,
  PACKAGE_DIR,
  type ServerProcess,
  startServerProcess,
} from './test-support/server-process.js';
import { TOKENS } from './test-support/test-app.js';

const run = promisify(execFile);

/**
 * The Dockerfile's build stage ends in `pnpm deploy --prod`: a directory with dist/ and only
 * the production dependencies, copied into the image. No Docker engine runs in CI, so this
 * test builds that same bundle outside the workspace and serves a round trip from it.
 */
describe('the deployable bundle (what the Docker image runs)', () => {
  let work: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    ensureServerBuilt();
    work = await mkdtemp(path.join(tmpdir(), 'tc-deploy-'));
    await run(
      'pnpm',
      ['--filter', '@temp-contents/server', 'deploy', '--prod', path.join(work, 'app')],
      {
        cwd: path.resolve(PACKAGE_DIR, '../..'),
        env: { ...process.env, CI: 'true' },
        timeout: 180_000,
      },
    );
  }, 200_000);

  afterAll(async () => {
    await server?.kill9();
    await rm(work, { recursive: true, force: true });
  });

  it('starts from the bundle alone and serves an upload back', async () => {
    const dataDir = path.join(work, 'data');
    server = await startServerProcess(dataDir, {}, path.join(work, 'app', 'dist', 'main.js'));
    const auth = { authorization: `Bearer ${TOKENS.alice}` };
    const upload = await fetch(`${server.baseUrl}/api/v1/temp-contents?filename=a.txt`, {
      method: 'POST',
      headers: auth,
      body: 'from the bundle',
    });
    expect(upload.status).toBe(201);
    const download = await fetch(`${server.baseUrl}${upload.headers.get('location')}`, {
      headers: auth,
    });
    expect(await download.text()).toBe('from the bundle');
    expect(await server.terminate()).toBe(0);
  });
});
