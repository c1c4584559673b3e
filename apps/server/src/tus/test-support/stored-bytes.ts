import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until the server has written `bytes` of upload `uploadUrl` to `<dataDir>/files/<id>`.
 * Tests that stall a PATCH use it instead of a fixed pause: what the client handed to its socket
 * reaches the file later when the machine is busy. Throws after `timeoutMs` with what it saw.
 */
export async function waitForStoredBytes(
  dataDir: string,
  uploadUrl: string,
  bytes: number,
  timeoutMs = 10_000,
): Promise<void> {
  const file = path.join(dataDir, 'files', uploadUrl.split('/').pop() ?? '');
  const deadline = Date.now() + timeoutMs;
  let size = 0;
  while (Date.now() < deadline) {
    size = await stat(file).then(
      (s) => s.size,
      () => 0,
    );
    if (size >= bytes) return;
    await sleep(10);
  }
  throw new Error(`${file} holds ${size} bytes after ${timeoutMs} ms, expected ${bytes}`);
}
