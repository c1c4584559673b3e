import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';
import { createUpload, headOffset, TUS_AUTH, tusPatch } from '../tus/test-support/tus-http.js';

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

/** Writes `file` until the disk is full to the last byte. */
async function fillDisk(file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const size of [64 * 1024, 512]) {
      const block = Buffer.alloc(size);
      try {
        for (;;) await handle.write(block);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
    }
  } finally {
    await handle.close();
  }
}

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

  it('keeps reads working, refuses writes with 507, and still deletes, when full to the last byte', async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), 'tc-full-disk-'));
    expect(tryMountTmpfs(mountPoint)).toBe(true);
    t = await createTestApp({ dataDir: mountPoint });
    const base = await t.listen();
    const files = `${base}/api/v1/temp-contents/files`;
    const kept = randomBytes(64 * 1024);
    const keptUrl = await createUpload(files, kept.length);
    expect((await tusPatch(keptUrl, 0, kept)).status).toBe(204);
    const keptId = keptUrl.split('/').pop() as string;
    const unfinishedUrl = await createUpload(files, 1000);
    expect((await tusPatch(unfinishedUrl, 0, randomBytes(300))).status).toBe(204);

    await fillDisk(path.join(mountPoint, 'filler'));

    // Reads: the download, its details, and the offset a client needs to resume later.
    const get = await fetch(`${base}/api/v1/temp-contents/${keptId}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(kept)).toBe(true);
    const details = await fetch(`${base}/api/v1/temp-contents/${keptId}/details`, {
      headers: bearer(TOKENS.alice),
    });
    expect(details.status).toBe(200);
    expect(await headOffset(unfinishedUrl)).toEqual({ status: 200, offset: 300 });

    // Writes: 507 in the envelope, with Tus-Resumable on tus URLs.
    const writes: Array<[string, () => Promise<Response>, boolean]> = [
      [
        'plain POST',
        () =>
          fetch(`${base}/api/v1/temp-contents`, {
            method: 'POST',
            headers: bearer(TOKENS.alice),
            body: randomBytes(16 * 1024),
          }),
        false,
      ],
      [
        'tus creation',
        () => fetch(files, { method: 'POST', headers: { ...TUS_AUTH, 'upload-length': '10' } }),
        true,
      ],
      ['tus PATCH', () => tusPatch(unfinishedUrl, 300, randomBytes(700)), true],
    ];
    for (const [name, write, tus] of writes) {
      const response = await write();
      expect(response.status, name).toBe(507);
      expect((await response.json()).errors[0].code, name).toBe('INSUFFICIENT_STORAGE');
      expect(response.headers.get('tus-resumable'), name).toBe(tus ? '1.0.0' : null);
    }

    // A removal is what gives room back: it must go through, all of it.
    expect((await fetch(keptUrl, { method: 'DELETE', headers: TUS_AUTH })).status).toBe(204);
    const gone = await fetch(`${base}/api/v1/temp-contents/${keptId}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(gone.status).toBe(404);
    const created = await fetch(`${base}/api/v1/temp-contents`, {
      method: 'POST',
      headers: bearer(TOKENS.alice),
      body: randomBytes(1024),
    });
    expect(created.status).toBe(201);
  });

  it('makes /ready answer 503 until there is room again; /health stays 200', async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), 'tc-full-disk-'));
    expect(tryMountTmpfs(mountPoint)).toBe(true);
    t = await createTestApp({ dataDir: mountPoint });
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);

    const filler = path.join(mountPoint, 'filler');
    await fillDisk(filler);
    const full = await t.app.inject({ url: '/ready' });
    expect(full.statusCode).toBe(503);
    expect(full.json().errors[0].code).toBe('UNAVAILABLE');
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);

    await rm(filler);
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);
  });
});
