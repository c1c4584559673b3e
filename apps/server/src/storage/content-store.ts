import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/utils';
import type { ContentRecord } from './content-record.js';

/** Inclusive byte range, as in `Content-Range: bytes start-end/size`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one storage interface every backend implements (embedded: local disk + SQLite index;
 * scale-out: S3-compatible bytes + Redis index). Bytes are written only through `tusStore`
 * (the @tus/server DataStore), so plain and resumable uploads share one code path.
 */
export interface ContentStore {
  /** The tus DataStore that receives bytes (creation, PATCH, plain POST). */
  readonly tusStore: DataStore;

  /** Records a new content before its first byte is written. */
  insert(record: ContentRecord): Promise<void>;
  /** The record, or undefined when unknown (expired records stay until purged). */
  get(id: string): Promise<ContentRecord | undefined>;
  /** Stores progress after bytes were written (and the size once a deferred length is known). */
  updateProgress(
    id: string,
    progress: { offset: number; size?: number | null; updatedAt: Date },
  ): Promise<void>;
  /** Streams the stored bytes of a complete content, whole or one inclusive range. */
  openRead(id: string, range?: ByteRange): Promise<Readable>;
  /**
   * A short-lived URL at which the object store itself serves the bytes of a complete content
   * with the given response headers (S3 backends with TC_S3_DOWNLOAD=redirect). Backends that
   * cannot hand out such URLs leave it undefined.
   */
  presignDownload?(
    id: string,
    options: { contentType: string; contentDisposition: string; expiresInSeconds: number },
  ): Promise<string>;
  /** Deletes bytes and record; a no-op for unknown ids. */
  remove(id: string): Promise<void>;
  /** Ids whose expiresAt <= now, oldest first, at most `limit` (cost grows with expired count). */
  listExpired(now: Date, limit: number): Promise<string[]>;
  /**
   * Removes a content expired by `now`, unless another process (replica) is purging it at the
   * same time; true when this call removed it. Several sweepers may call it for one id at once:
   * exactly one of them returns true.
   */
  purgeExpired(id: string, now: Date): Promise<boolean>;
  /** True when the backend can serve requests (used by GET /ready). */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}
