import { createReadStream, mkdirSync } from 'node:fs';
import { access, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isStorageFull } from '../errors/storage-error.js';
import { type ContentRecord, isExpired } from './content-record.js';
import { type ByteRange, BytesMissingError, type ContentStore } from './content-store.js';
import { DiskReserve } from './disk-reserve.js';
import { DiskUploadStore, legacyInfoFiles } from './disk-upload-store.js';
import { SqliteMetadataIndex } from './sqlite-metadata-index.js';
import { assertStorageId, isStorageId } from './storage-id.js';

/**
 * Bytes read from disk per chunk of a download. Node's 64 KiB default makes a 1 GiB download
 * 16384 reads, each a round trip to the thread pool and a socket write; 1 MiB chunks more than
 * double the rate on loopback (docs/benchmarks.md) and cost about 1 MiB per download in
 * flight (a smaller range gets a buffer of its own size; Node trims a short last read).
 */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The embedded default backend: bytes in `<dataDir>/files/<id>`, written through our tus
 * DataStore, and records (upload info included) in `<dataDir>/index.sqlite`. Needs no other
 * process.
 */
export class FileContentStore implements ContentStore {
  readonly tusStore: DiskUploadStore;
  private readonly filesDir: string;
  private readonly index: SqliteMetadataIndex;
  private readonly reserve: DiskReserve;
  private readonly purging = new Set<string>();

  /** `index` lets tests put a failing index in place of the real one. */
  constructor(dataDir: string, options: { index?: SqliteMetadataIndex } = {}) {
    this.filesDir = path.join(dataDir, 'files');
    // Synchronously, so the first request never races FileStore's own async mkdir.
    mkdirSync(this.filesDir, { recursive: true });
    this.index = options.index ?? new SqliteMetadataIndex(path.join(dataDir, 'index.sqlite'));
    this.tusStore = new DiskUploadStore(this.filesDir, this.index);
    this.reserve = new DiskReserve(path.join(dataDir, '.removal-reserve'));
    this.reserve.fill();
  }

  async insert(record: ContentRecord): Promise<void> {
    this.index.insert(record);
  }

  async get(id: string): Promise<ContentRecord | undefined> {
    return this.index.get(id);
  }

  async updateProgress(
    id: string,
    progress: { offset: number; size?: number | null; updatedAt: Date },
  ): Promise<void> {
    if (!this.index.updateProgress(id, progress.offset, progress.updatedAt, progress.size)) {
      throw new Error(`updateProgress: unknown content ${id}`);
    }
  }

  async openRead(id: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(this.bytesPath(id), {
      ...range,
      highWaterMark: range === undefined ? READ_CHUNK_BYTES : readChunk(range),
    });
    // Surface "file missing" as a rejected promise, before any header is sent.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => {
        stream.off('error', reject);
        resolve();
      });
      stream.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new BytesMissingError(id) : error),
      );
    });
    return stream;
  }

  async remove(id: string): Promise<void> {
    if (!isStorageId(id)) return;
    // The tombstone first: on a full disk this write is refused before anything is deleted,
    // and after it every reader finds the content unknown. Then the bytes; a crash in between
    // leaves the tombstone, which the next sweep (or DELETE) finishes, never orphaned bytes.
    // A disk filled to the last byte still takes it: the reserve is given up for it.
    this.reserve.withRoom(() => this.index.markRemoved(id));
    await this.removeBytes(id);
    try {
      this.index.delete(id);
    } catch (error) {
      // No room even for deleting the row: the tombstone stays, expired since 1970, and the
      // sweeper deletes it once SQLite can write again. The removal itself is complete.
      if (!isStorageFull(error)) throw error;
    }
    this.reserve.fill();
  }

  async discard(id: string): Promise<void> {
    if (!isStorageId(id)) return;
    await this.removeBytes(id);
    this.index.delete(id);
    this.reserve.fill();
  }

  async awaitPartials(finalId: string, partialIds: readonly string[]): Promise<void> {
    this.index.awaitPartials(finalId, partialIds);
  }

  async finalsAwaiting(partialId: string): Promise<string[]> {
    return this.index.finalsAwaiting(partialId);
  }

  async stopAwaiting(finalId: string): Promise<void> {
    this.index.stopAwaiting(finalId);
  }

  async listExpired(now: Date, limit: number): Promise<string[]> {
    return this.index.listExpired(now, limit);
  }

  /** One process owns the data dir: a set of ids in progress is claim enough. */
  async purgeExpired(id: string, now: Date): Promise<boolean> {
    if (this.purging.has(id)) return false;
    const record = this.index.getForPurge(id);
    if (record === undefined || !isExpired(record, now)) return false;
    this.purging.add(id);
    try {
      await this.remove(id);
    } finally {
      this.purging.delete(id);
    }
    return true;
  }

  /**
   * Ready while the index answers and the data dir takes a write: on a full disk (or a
   * read-only mount) uploads cannot succeed, so a load balancer should stop sending them.
   */
  async isReady(): Promise<boolean> {
    const probe = path.join(this.filesDir, `.ready-probe-${process.pid}`);
    try {
      await access(this.filesDir);
      if (!this.index.isHealthy()) return false;
      await writeFile(probe, 'ok');
      return true;
    } catch {
      return false;
    } finally {
      await rm(probe, { force: true }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.index.close();
  }

  private async removeBytes(id: string): Promise<void> {
    await rm(this.bytesPath(id), { force: true });
    for (const file of legacyInfoFiles(this.bytesPath(id))) {
      await rm(file, { force: true });
    }
  }

  private bytesPath(id: string): string {
    assertStorageId(id);
    return path.join(this.filesDir, id);
  }
}

/** A chunk no bigger than the range: a 1 KiB file needs no 1 MiB buffer. */
function readChunk(range: ByteRange): number {
  return Math.max(1, Math.min(READ_CHUNK_BYTES, range.end - range.start + 1));
}
