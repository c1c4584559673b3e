import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** How many bytes of upload `uploadUrl` the server has received so far, as far as a test can see. */
export type ReceivedBytes = (uploadUrl: string) => Promise<number>;

/** Disk storage: the size of `<dataDir>/files/<id>`. */
export function bytesOnDisk(dataDir: string): ReceivedBytes {
  return (uploadUrl) =>
    stat(path.join(dataDir, 'files', uploadUrl.split('/').pop() ?? '')).then(
      (s) => s.size,
      () => 0,
    );
}

/**
 * S3 storage: @tus/s3-store spools the part it is receiving to temp files until the request
 * ends; with TMPDIR pointed at `spoolDir` for the test, their total size is what it received.
 */
export function bytesSpooled(spoolDir: string): ReceivedBytes {
  const total = async (dir: string): Promise<number> => {
    let sum = 0;
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      sum += entry.isDirectory()
        ? await total(full)
        : await stat(full).then(
            (s) => s.size,
            () => 0,
          );
    }
    return sum;
  };
  return () => total(spoolDir);
}

/**
 * Waits until the server has received `bytes` of upload `uploadUrl`. Tests that stall a PATCH
 * use it instead of a fixed pause: what the client handed to its socket reaches storage later
 * when the machine is busy. Throws after `timeoutMs` with what it saw.
 */
export async function waitForStoredBytes(
  received: ReceivedBytes,
  uploadUrl: string,
  bytes: number,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let size = 0;
  while (Date.now() < deadline) {
    size = await received(uploadUrl);
    if (size >= bytes) return;
    await sleep(10);
  }
  throw new Error(`${uploadUrl}: ${size} bytes received after ${timeoutMs} ms, expected ${bytes}`);
}
