import { createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataStore, ERRORS, Upload } from '@tus/utils';
import { assertStorageId } from './storage-id.js';

/** errno codes that mean "no room left", which the client must hear as 507, not 500. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Bytes an upload may buffer before its file while a write is under way. fs.WriteStream's
 * 16 KiB default lets one socket read (64 KiB) through per trip to the thread pool; with 1 MiB
 * the reads that arrive during a write go to disk together in the next one (writev), which took
 * a 1 GiB PATCH from about 300 to 390 MiB/s and a plain POST from 330 to 415 on loopback.
 */
export const WRITE_BUFFER_BYTES = 1024 * 1024;

/** What the disk store needs to know of an upload besides its bytes: kept in the index. */
export interface UploadInfo {
  /** Declared length; null while deferred. */
  size: number | null;
  createdAt: Date;
  /** tus `Upload-Metadata` as parsed at creation; null for uploads made before it was indexed. */
  metadata: Record<string, string | null> | null;
}

/** The index, as far as the disk store uses it (SqliteMetadataIndex). */
export interface UploadInfoIndex {
  uploadInfo(id: string): UploadInfo | undefined;
  setUploadMetadata(id: string, metadata: Record<string, string | null>): void;
}

/**
 * The tus DataStore of the embedded backend: the bytes of upload `<id>` in `<directory>/<id>`,
 * everything else about it (length, metadata, creation date) in the index row that the record
 * already is. @tus/file-store keeps that info in an `<id>.json` beside the bytes, which costs a
 * directory check, a temp file and a rename per creation and a file read per HEAD or PATCH; here
 * it is one indexed row, written in the same SQLite file as the record, before any byte.
 *
 * Every file operation stays in libuv's thread pool: creating a file in a fresh directory took
 * up to 250 µs on the reference machine (ext4 journal), which would stall every request if done
 * on the event loop, while four pool threads wait for it side by side.
 *
 * The offset is the file's length (the bytes are the truth; the record's offset follows them).
 * A write failing for lack of room keeps its errno (ENOSPC, EDQUOT: 507); every other write
 * failure is ERRORS.FILE_WRITE_ERROR, as @tus/server expects (client gone, I/O error).
 */
export class DiskUploadStore extends DataStore {
  constructor(
    readonly directory: string,
    private readonly index: UploadInfoIndex,
  ) {
    super();
    this.extensions = ['creation', 'creation-with-upload', 'creation-defer-length', 'termination'];
  }

  /** The record exists already (record before bytes); this adds its metadata and empty file. */
  override async create(upload: Upload): Promise<Upload> {
    this.index.setUploadMetadata(upload.id, upload.metadata ?? {});
    // 'wx': never truncate bytes that are already there (an id is created once).
    await writeFile(this.bytesPath(upload.id), '', { flag: 'wx' });
    return upload;
  }

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
        createWriteStream(this.bytesPath(id), {
          flags: 'r+',
          start: offset,
          highWaterMark: WRITE_BUFFER_BYTES,
        }),
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && NO_ROOM.has(code)) throw error;
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + received;
  }

  override async getUpload(id: string): Promise<Upload> {
    const info = this.index.uploadInfo(id);
    if (info === undefined) throw ERRORS.FILE_NOT_FOUND;
    const file = this.bytesPath(id);
    let offset: number;
    try {
      offset = (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw ERRORS.FILE_NO_LONGER_EXISTS;
      throw error;
    }
    return new Upload({
      id,
      offset,
      ...(info.size === null ? {} : { size: info.size }),
      metadata: info.metadata ?? (await legacyMetadata(file)),
      creation_date: info.createdAt.toISOString(),
      storage: { type: 'file', path: file },
    });
  }

  /** The length lives in the record, which the recording DataStore updates; nothing to keep. */
  override async declareUploadLength(): Promise<void> {}

  /** Removal is the content store's (record, bytes and reserve together), never this one's. */
  override async remove(): Promise<void> {
    throw new Error('DiskUploadStore.remove: remove contents through the content store');
  }

  private bytesPath(id: string): string {
    assertStorageId(id);
    return path.join(this.directory, id);
  }
}

/**
 * Uploads created before the metadata moved into the index kept it in `<id>.json` beside the
 * bytes (as @tus/file-store writes it); read it from there, or none when it is gone.
 */
async function legacyMetadata(bytesPath: string): Promise<Record<string, string | null>> {
  try {
    const info = JSON.parse(await readFile(`${bytesPath}.json`, 'utf8')) as {
      metadata?: Record<string, string | null>;
    };
    return info.metadata ?? {};
  } catch {
    return {};
  }
}

/** The files uploads of earlier versions left beside their bytes (see legacyMetadata). */
export function legacyInfoFiles(bytesPath: string): string[] {
  return [`${bytesPath}.json`, `${bytesPath}.json.tmp`];
}
