import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/utils';
import type { ContentRecord } from './content-record.js';

/**
 * What `openRead` throws when a record says the bytes are there but storage no longer has them
 * (removed behind the server's back, or by a removal cut short): the content is gone (410).
 */
export class BytesMissingError extends Error {
  constructor(readonly id: string) {
    super(`the bytes of content ${id} are missing from storage`);
    this.name = 'BytesMissingError';
  }
}

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
  /**
   * Streams the stored bytes of a complete content, whole or one inclusive range; rejects with
   * BytesMissingError when they are gone.
   */
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
  /**
   * Deletes bytes and record (termination, expiry); a no-op for unknown ids. All or nothing as
   * clients see it: when it rejects, the content is still whole (a full disk refused the first
   * step); once it resolves, every reader finds the content unknown, even where the last step
   * is left to the sweeper.
   */
  remove(id: string): Promise<void>;
  /**
   * Deletes what a creation that failed before it was acknowledged left behind, bytes first, so
   * that a full disk gets its room back before the record goes; a no-op for unknown ids.
   */
  discard(id: string): Promise<void>;
  /**
   * concatenation-unfinished: notes that the final upload `finalId` waits for `partialIds`, so
   * that whichever replica completes one of them finds the final (`finalsAwaiting`), also after
   * a restart. Kept until `stopAwaiting` or until the final is removed.
   */
  awaitPartials(finalId: string, partialIds: readonly string[]): Promise<void>;
  /** Final uploads noted as waiting for `partialId`. */
  finalsAwaiting(partialId: string): Promise<string[]>;
  /** Forgets what `awaitPartials` noted (the final is assembled, or gone). */
  stopAwaiting(finalId: string, partialIds: readonly string[]): Promise<void>;
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
