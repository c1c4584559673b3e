import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { ERRORS } from '@tus/utils';

/** errno codes that mean "no room left", which the client must hear as 507, not 500. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT']);

/**
 * @tus/file-store's FileStore, except that a write failing for lack of room keeps its errno.
 * FileStore.write turns every failure into the shared ERRORS.FILE_WRITE_ERROR, so a full disk
 * answered 500 while the spec promises 507; here ENOSPC/EDQUOT propagate as they are (the error
 * mapping sees them), and every other failure is still FILE_WRITE_ERROR, which @tus/server and
 * our mapping already handle (client gone, I/O error).
 */
export class DiskUploadStore extends FileStore {
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        received += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(
        readable,
        counter,
        // r+: the file exists since creation; bytes go at the offset, nothing is truncated.
        createWriteStream(path.join(this.directory, id), { flags: 'r+', start: offset }),
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && NO_ROOM.has(code)) throw error;
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + received;
  }
}
