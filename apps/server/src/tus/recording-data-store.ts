import type { Readable } from 'node:stream';
import { DataStore, type Upload } from '@tus/utils';
import type { Clock } from '../contents/content-service.js';
import { ApiError } from '../errors/api-error.js';
import { isStorageFull } from '../errors/storage-error.js';
import type { ContentStore } from '../storage/content-store.js';

/**
 * The DataStore @tus/server is given: it forwards every call to the content store's tus store
 * (which holds the bytes) and keeps our ContentRecord in step, so that
 * `GET /api/v1/temp-contents/{id}` answers 204 until the last byte and serves the bytes after.
 *
 * The record follows the bytes, never the other way round: progress is written only after the
 * bytes are on disk, and whenever @tus/server reads an upload (HEAD, PATCH, both under the
 * upload's lock) the offset the byte store reports wins over the record. After a crash in the
 * middle of a PATCH the record can therefore lag behind the bytes, never run ahead of them, and
 * the next HEAD or PATCH catches it up.
 */
export class RecordingDataStore extends DataStore {
  constructor(
    private readonly contents: ContentStore,
    private readonly clock: Clock,
  ) {
    super();
    // Only what both we and the byte store implement. Expiration is ours (per-upload TTL from
    // the record); the byte store's single global expiration period cannot express it.
    this.extensions = contents.tusStore.extensions.filter((name) =>
      ['creation', 'creation-with-upload', 'creation-defer-length', 'termination'].includes(name),
    );
  }

  override async create(upload: Upload): Promise<Upload> {
    return this.contents.tusStore.create(upload);
  }

  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    try {
      const newOffset = await this.contents.tusStore.write(stream, id, offset);
      await this.contents.updateProgress(id, { offset: newOffset, updatedAt: this.clock() });
      return newOffset;
    } catch (error) {
      // The content expired and the sweeper purged it while its bytes were still arriving:
      // whatever this write left behind goes too, and the client hears 410, not a 500.
      if ((await this.contents.get(id).catch(() => null)) === undefined) {
        await this.contents.discard(id);
        throw new ApiError('GONE', 'The content expired and was removed while it was uploaded.');
      }
      throw error;
    }
  }

  override async getUpload(id: string): Promise<Upload> {
    const upload = await this.contents.tusStore.getUpload(id);
    const record = await this.contents.get(id);
    const size = upload.size ?? null;
    if (record !== undefined && (record.offset !== upload.offset || record.size !== size)) {
      try {
        await this.contents.updateProgress(id, {
          offset: upload.offset,
          size,
          updatedAt: this.clock(),
        });
      } catch (error) {
        // On a full disk the catch-up waits for the next HEAD or PATCH: a client that just got
        // 507 must still learn its offset (from the bytes, the truth) to resume later.
        if (!isStorageFull(error)) throw error;
      }
    }
    return upload;
  }

  override async declareUploadLength(id: string, length: number): Promise<void> {
    await this.contents.tusStore.declareUploadLength(id, length);
    const record = await this.contents.get(id);
    if (record !== undefined) {
      await this.contents.updateProgress(id, {
        offset: record.offset,
        size: length,
        updatedAt: this.clock(),
      });
    }
  }

  /** termination: bytes and record go together (the content store removes both). */
  override async remove(id: string): Promise<void> {
    await this.contents.remove(id);
  }

  /** Expiry is judged from the record before a request reaches @tus/server. */
  override getExpiration(): number {
    return 0;
  }

  override async deleteExpired(): Promise<number> {
    return 0;
  }
}
