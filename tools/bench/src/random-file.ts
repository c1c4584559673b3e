// The benches' fixtures: files of random bytes (incompressible, so no layer can cheat), with
// the sha256 a download is checked against.
import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';

const BLOCK = 1024 * 1024;

export interface RandomFile {
  file: string;
  size: number;
  /** Hex sha256 of the whole file. */
  sha256: string;
}

/** Writes `size` random bytes to `file`, 1 MiB at a time. */
export async function writeRandomFile(file: string, size: number): Promise<RandomFile> {
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  try {
    for (let written = 0; written < size; written += BLOCK) {
      const block = randomBytes(Math.min(BLOCK, size - written));
      hash.update(block);
      await handle.write(block);
    }
  } finally {
    await handle.close();
  }
  return { file, size, sha256: hash.digest('hex') };
}
