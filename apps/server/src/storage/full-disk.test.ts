import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readdir, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';
import { createUpload, TUS_AUTH, tusPatch } from '../tus/test-support/tus-http.js';

/**
 * A full data disk, on a real 2 MiB tmpfs that the test mounts (root or CAP_SYS_ADMIN;
 * skipped with a message where mounting is not allowed): uploads that run out of room answer
 * 507 in the envelope and leave nothing behind, and /ready answers 503 while the data dir
 * cannot take a write, so a load balancer stops sending uploads; /health stays 200.
 */
function tryMountTmpfs(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probeDir = await mkdtemp(path.join(tmpdir(), 'tc-tmpfs-probe-'));
const canMount = tryMountTmpfs(probeDir);
if (canMount) execFileSync('umount', [probeDir]);
await rmdir(probeDir);
if (!canMount)
  console.warn('full-disk-ready.test: cannot mount a tmpfs here (needs root); skipped');

describe.runIf(canMount)('a full data disk', () => {
  let t: TestApp | undefined;
  let mountPoint: string | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    if (mountPoint !== undefined) {
      execFileSync('umount', [mountPoint]);
      await rmdir(mountPoint);
      mountPoint = undefined;
    }
  });

  it.each(['plain POST', 'tus PATCH'] as const)(
    'a %s larger than the free space answers 507 and keeps nothing',
    async (kind) => {
      mountPoint = await mkdtemp(path.join(tmpdir(), 'tc-full-disk-'));
      expect(tryMountTmpfs(mountPoint)).toBe(true);
      t = await createTestApp({ dataDir: mountPoint });
      const base = await t.listen();
      const body = new Uint8Array(4 * 1024 * 1024);
      let response: Response;
      let uploadUrl: string | undefined;
      if (kind === 'plain POST') {
        response = await fetch(`${base}/api/v1/temp-contents`, {
          method: 'POST',
          headers: bearer(TOKENS.alice),
          body,
        });
      } else {
        uploadUrl = await createUpload(`${base}/api/v1/temp-contents/files`, body.length);
        response = await tusPatch(uploadUrl, 0, Buffer.from(body));
        expect(response.headers.get('tus-resumable')).toBe('1.0.0');
      }
      expect(response.status).toBe(507);
      expect((await response.json()).errors[0].code).toBe('INSUFFICIENT_STORAGE');
      if (uploadUrl !== undefined) {
        // tus keeps what a cut PATCH delivered (the client resumes from it); terminating the
        // upload gives the room back.
        const deleted = await fetch(uploadUrl, { method: 'DELETE', headers: TUS_AUTH });
        expect(deleted.status).toBe(204);
      }
      const files = await readdir(path.join(mountPoint, 'files'));
      expect(files.filter((name) => !name.startsWith('.'))).toEqual([]);
      // The server keeps serving once there is room.
      expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);
    },
  );

  it('makes /ready answer 503 until there is room again; /health stays 200', async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), 'tc-full-disk-'));
    expect(tryMountTmpfs(mountPoint)).toBe(true);
    t = await createTestApp({ dataDir: mountPoint });
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);

    // Fill the disk to the last byte.
    const filler = path.join(mountPoint, 'filler');
    const handle = await open(filler, 'w');
    try {
      const block = Buffer.alloc(64 * 1024);
      for (;;) await handle.write(block);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      await handle.close();
    }
    const full = await t.app.inject({ url: '/ready' });
    expect(full.statusCode).toBe(503);
    expect(full.json().errors[0].code).toBe('UNAVAILABLE');
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);

    await rm(filler);
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);
  });
});
