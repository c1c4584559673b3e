import { finished, type Readable, Transform, type TransformCallback } from 'node:stream';
import { type DataStore, Upload } from '@tus/utils';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors/api-error.js';
import { type ConcatRole, type ContentRecord, isExpired } from '../storage/content-record.js';
import { type ByteRange, BytesMissingError, type ContentStore } from '../storage/content-store.js';
import { BROKEN_FINAL, FinalUploads } from '../tus/concatenation/final-uploads.js';
import { RecordingDataStore } from '../tus/recording-data-store.js';
import { isContentId, newContentId } from './content-id.js';
import { mediaTypeForName } from './media-type.js';

export interface NewContent {
  name: string;
  ttlSeconds: number;
  /** Declared total length, or null when not known yet (chunked body, deferred tus length). */
  size: number | null;
  /** tus concatenation: a partial upload, or a final one with its partials. */
  concat?: ConcatRole;
}

/** Long enough to start a download on a slow link; short, as the URL is a bearer credential. */
const PRESIGNED_URL_SECONDS = 300;

/** The time every decision of an app is made with; tests inject one they can move. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * The one path from every route (plain and tus) and from the sweeper to storage, with the app's
 * one clock: how a record is born, who may see it, when it is gone, and how its bytes are read
 * and removed. Routes translate HTTP into these calls and back and never hold a store; a
 * backend (disk + SQLite, S3 + Redis) plugs in behind this class.
 */
export class ContentService {
  /** The DataStore @tus/server writes through: the store's, keeping records in step. */
  readonly uploads: DataStore;
  /** tus concatenation: final uploads, created and assembled through `uploads`. */
  readonly finals: FinalUploads;

  constructor(
    private readonly store: ContentStore,
    readonly clock: Clock = systemClock,
  ) {
    this.uploads = new RecordingDataStore(store, clock);
    this.finals = new FinalUploads(store, this.uploads, clock);
  }

  /** A fresh record for `principal`; TTL counts from now (creation), not from completion. */
  newRecord(principal: Principal, content: NewContent): ContentRecord {
    const now = this.clock();
    return {
      id: newContentId(),
      tenant: principal.tenant,
      creatorId: principal.subject,
      name: content.name,
      contentType: mediaTypeForName(content.name),
      size: content.size,
      offset: 0,
      ttlSeconds: content.ttlSeconds,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + content.ttlSeconds * 1000),
      ...(content.concat === undefined ? {} : { concat: content.concat }),
    };
  }

  /**
   * The record `principal` may see, whatever its completeness. Unknown, malformed and
   * other-tenant ids are all NOT_FOUND (404, never 403, so ids leak nothing); an expired one is
   * GONE (410) until the sweeper purges it.
   */
  async lookup(principal: Principal, id: string): Promise<ContentRecord> {
    const record = isContentId(id) ? await this.store.get(id) : undefined;
    if (record === undefined || record.tenant !== principal.tenant) {
      throw new ApiError('NOT_FOUND', 'No temporary content with this id.');
    }
    if (isExpired(record, this.clock())) {
      throw new ApiError('GONE', `The content expired at ${record.expiresAt.toISOString()}.`);
    }
    return record;
  }

  /**
   * For an incomplete content `lookup` returned (answered 204 while its bytes are on their way):
   * GONE (410) when it can never complete, a final upload whose partial expired or went away.
   */
  async assertCanComplete(record: ContentRecord): Promise<void> {
    if (record.concat?.kind === 'final' && !(await this.finals.canComplete(record))) {
      throw new ApiError('GONE', BROKEN_FINAL);
    }
  }

  /** Records a content before its first byte is written (a tus creation). */
  async register(record: ContentRecord): Promise<void> {
    await this.store.insert(record);
  }

  /** The stored bytes of a complete content `lookup` returned, whole or one inclusive range. */
  async openContent(record: ContentRecord, range?: ByteRange): Promise<Readable> {
    try {
      return await this.store.openRead(record.id, range);
    } catch (error) {
      // The record outlived its bytes (removed behind our back): gone, not a server fault.
      if (error instanceof BytesMissingError) {
        throw new ApiError('GONE', 'The bytes of this content are no longer stored.');
      }
      throw error;
    }
  }

  /**
   * Where the object store serves a complete content's bytes itself, or undefined when the
   * backend cannot redirect (the route then streams them).
   */
  async downloadUrl(
    record: ContentRecord,
    headers: { contentType: string; contentDisposition: string },
  ): Promise<string | undefined> {
    return this.store.presignDownload?.(record.id, {
      ...headers,
      expiresInSeconds: PRESIGNED_URL_SECONDS,
    });
  }

  /** Removes what a creation left that failed before the client learnt its id. */
  async discard(id: string): Promise<void> {
    await this.store.discard(id);
  }

  /** Ids of contents expired by now, oldest first, that this process may purge. */
  async expiredIds(limit: number): Promise<string[]> {
    return this.store.listExpired(this.clock(), limit);
  }

  /** Purges `id` if it is still expired and no other sweeper has it; true when this one did. */
  async purgeExpired(id: string): Promise<boolean> {
    return this.store.purgeExpired(id, this.clock());
  }

  /** True when storage can serve requests (GET /ready). */
  isReady(): Promise<boolean> {
    return this.store.isReady();
  }

  /**
   * Stores `body` as a complete content in one go (the plain POST is a creation-with-upload in
   * one request): record first, then the bytes through the tus DataStore, then the final size.
   * Anything short of a complete body (limit exceeded, client gone, disk error) removes every
   * trace of it before the error propagates.
   */
  async createFromStream(
    principal: Principal,
    content: Omit<NewContent, 'size'>,
    body: Readable,
    { declaredLength, maxBytes }: { declaredLength: number | undefined; maxBytes: number },
  ): Promise<ContentRecord> {
    const record = this.newRecord(principal, { ...content, size: declaredLength ?? null });
    await this.store.insert(record);
    const limiter = new ByteLimit(maxBytes);
    // The limiter can fail before the DataStore's pipeline listens to it; the outcome is read
    // from `limiter.exceeded` / `bodyError` below, so this listener only prevents a crash.
    limiter.on('error', () => undefined);
    let bodyError: Error | undefined;
    // pipe() does not forward errors; a client that disconnects must fail the write. Listening
    // from the start also keeps an early abort from being an unhandled 'error'.
    finished(body, (error) => {
      if (error) {
        bodyError = error;
        limiter.destroy(error);
      }
    });
    try {
      await this.uploads.create(
        new Upload({
          id: record.id,
          offset: 0,
          ...(declaredLength === undefined ? {} : { size: declaredLength }),
          metadata: {
            ...(record.name === '' ? {} : { filename: record.name }),
            ttl: String(record.ttlSeconds),
          },
          creation_date: record.createdAt.toISOString(),
        }),
      );
      body.pipe(limiter);
      // The same DataStore as tus PATCH: it records the progress after the bytes are stored.
      const offset = await this.uploads.write(limiter, record.id, 0);
      if (bodyError !== undefined || (declaredLength !== undefined && offset !== declaredLength)) {
        throw new ApiError(
          'INVALID_REQUEST',
          'The request body ended before Content-Length bytes.',
        );
      }
      if (declaredLength === undefined) await this.uploads.declareUploadLength(record.id, offset);
      const stored = await this.store.get(record.id);
      if (stored === undefined) throw new Error(`content ${record.id} vanished while stored`);
      return stored;
    } catch (error) {
      body.unpipe(limiter);
      // Bytes first, so a full disk gets its room back; should the record then stay (SQLite
      // still full), nobody knows its id and the sweeper purges it at its TTL. The client
      // hears why the upload failed, not why the cleanup did.
      await this.store.discard(record.id).catch(() => undefined);
      if (limiter.exceeded) {
        throw new ApiError(
          'PAYLOAD_TOO_LARGE',
          `The body is larger than the maximum of ${maxBytes} bytes.`,
        );
      }
      if (bodyError !== undefined) {
        throw new ApiError('INVALID_REQUEST', 'The request body was cut off.');
      }
      throw error;
    }
  }
}

/** Passes bytes through until more than `max` have been seen, then fails the stream. */
class ByteLimit extends Transform {
  private seen = 0;
  exceeded = false;

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) {
      this.exceeded = true;
      callback(new Error('body exceeds the upload limit'));
      return;
    }
    callback(null, chunk);
  }
}
