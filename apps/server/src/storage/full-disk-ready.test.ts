import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

/**
 * /ready answers 503 while the data dir cannot take a write (a full disk), so a load balancer
 * stops sending uploads; /health stays 200. Runs on a real 2 MiB tmpfs that the test mounts,
 * which needs root (or CAP_SYS_ADMIN): skipped with a message where mounting is not allowed.
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
