/**
 * `downloadToFile` for Node. A partial file is continued with `Range: bytes=<its size>-` and
 * `If-Range: <ETag>`, so bytes from a different content are never appended: if the server sends
 * the whole content instead (200), the file is rewritten from the start. The finished file's
 * size must equal the content's size, or the call fails.
 */
import { open, stat } from 'node:fs/promises';
import type { DownloadOperations } from '../download/download.js';
import type { DownloadToFileOptions, DownloadToFileResult } from '../download/download-options.js';
import { TempContentsNetworkError } from '../errors/errors.js';

async function existingSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

export async function downloadToFile(
  operations: DownloadOperations,
  id: string,
  path: string,
  options: DownloadToFileOptions,
): Promise<DownloadToFileResult> {
  const { signal, onProgress } = options;
  let kept = await existingSize(path);
  let etag: string | undefined;
  if (kept > 0) {
    const head = await operations.head(id, { signal });
    etag = head.etag;
    if (head.size !== undefined && kept === head.size) {
      onProgress?.(kept, kept);
      return { path, size: kept, resumedFrom: kept, bytesWritten: 0 };
    }
    // A longer file is not a prefix of this content: download it again from the start.
    if (head.size !== undefined && kept > head.size) kept = 0;
  }
  const download = await operations.download(
    id,
    kept > 0 ? { range: { start: kept }, ifRange: etag, signal } : { signal },
  );
  // 206 continues the file; 200 (If-Range did not match, or the server ignored Range) replaces it.
  const append = download.status === 206 && download.contentRange?.start === kept;
  if (!append) kept = 0;
  const total = download.size;
  const file = await open(path, append ? 'a' : 'w');
  let written = 0;
  try {
    // Body errors are already TempContentsNetworkErrors (or the abort reason); file errors
    // (ENOSPC, EACCES) stay what they are.
    const reader = download.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      await file.write(chunk.value);
      written += chunk.value.byteLength;
      onProgress?.(kept + written, total);
    }
  } finally {
    await file.close();
  }
  const size = await existingSize(path);
  if (total !== undefined && size !== total) {
    throw new TempContentsNetworkError(
      `download of ${id} into ${path}: file has ${size} bytes, the content ${total}`,
    );
  }
  return { path, size, resumedFrom: kept, bytesWritten: written };
}
