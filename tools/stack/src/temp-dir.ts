import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reapDirOnExit } from './reaper.js';

export interface TempDir {
  path: string;
  /** Removes the directory and everything in it; safe to call twice. */
  remove(): Promise<void>;
}

/**
 * A fresh directory under the OS temp dir (unique, so two runs on one machine never share
 * one), removed by `remove()` or, should this process die first, by the reaper.
 */
export async function makeTempDir(prefix: string): Promise<TempDir> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const release = reapDirOnExit(dir);
  return {
    path: dir,
    async remove() {
      await rm(dir, { recursive: true, force: true });
      release();
    },
  };
}
