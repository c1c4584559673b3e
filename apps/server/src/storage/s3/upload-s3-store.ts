import type { ReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { type MetadataValue, S3Store } from '@tus/s3-store';

/** What one write did with the upload's parts. */
interface WriteTally {
  fullParts: number;
  newIncompletePart: boolean;
  oldPartToDelete: boolean;
}

/**
 * Gaps of @tus/s3-store 2.0 closed for a shared (Redis) upload-info cache, plain POSTs and
 * failed PATCHes (see also `write`).
 *
 * A write starts by deleting the upload's trailing part (bytes short of S3's minimum part
 * size, kept as `<id>.part`) and streams it in front of the new bytes; when that write fails
 * (a body over Upload-Length, a client gone), those acknowledged bytes were lost and the
 * offset fell back. The deletion is deferred here until the bytes are safe elsewhere.
 *
 * Its declareUploadLength saves the new length to the info object but leaves the cached info
 * unchanged (with an in-memory cache the cached object happened to be the one it mutated; with
 * a serialising cache it is a copy): the cache entry is dropped so every replica rereads it.
 *
 * It completes the multipart upload (and so creates the downloadable object) only
 * inside a write that reaches the declared size. A deferred-length upload whose length is
 * declared after its last byte (our plain POST with a chunked body does exactly that) would
 * stay an unfinished multipart upload forever: declaring a length equal to the offset finishes
 * it here, with an empty write.
 */
export class UploadS3Store extends S3Store {
  private readonly writes = new Map<string, WriteTally>();

  /**
   * @tus/s3-store sizes the parts of an upload whose length is not known yet (a deferred-length
   * tus upload, our plain POST with a chunked body) for the largest object S3 allows, 5 TiB in
   * 10,000 parts: 550 MB each, every one spooled whole to a temp file before it is sent. So a
   * chunked POST of a few hundred MB would sit entirely on temp disk. Sizing those parts as if
   * the upload were `deferredLengthBound` long keeps them at the preferred part size; a
   * deferred-length upload can then grow to that bound (10,000 parts), no further.
   */
  constructor(
    options: ConstructorParameters<typeof S3Store>[0],
    private readonly deferredLengthBound: number,
  ) {
    super(options);
  }

  protected override calcOptimalPartSize(size?: number): number {
    return super.calcOptimalPartSize(size ?? this.deferredLengthBound);
  }

  /** Closes the sockets of @tus/s3-store's own S3 client. */
  destroy(): void {
    this.client.destroy();
  }

  /**
   * A write to a complete upload (tus allows an empty PATCH at its final offset) must answer
   * that offset; @tus/s3-store fails on it, as the multipart upload no longer exists.
   */
  override async write(src: Readable, id: string, offset: number): Promise<number> {
    // @tus/s3-store reads the body only after three round trips to the store; a body that
    // failed meanwhile (over Upload-Length: the limiter fails on the first bytes it buffers;
    // a client gone) would leave it waiting for events that were already emitted, forever. The
    // relay takes the body from the start and ends where it fails, so what arrived is stored,
    // as tus wants for an interrupted PATCH; the failure is reported once that is done.
    const relay = new PassThrough();
    let sourceError: unknown;
    src.on('error', (error) => {
      sourceError = error;
      src.unpipe(relay);
      relay.end();
    });
    src.pipe(relay);
    const tally: WriteTally = { fullParts: 0, newIncompletePart: false, oldPartToDelete: false };
    this.writes.set(id, tally);
    let succeeded = false;
    let newOffset: number;
    try {
      newOffset = await super.write(relay, id, offset);
      succeeded = true;
    } catch (error) {
      const upload = await this.getUpload(id).catch(() => undefined);
      if (upload?.size !== undefined && upload.offset === upload.size && offset === upload.size) {
        relay.resume();
        return offset;
      }
      throw error;
    } finally {
      this.writes.delete(id);
      // The old trailing part goes only once its bytes are safe in a part uploaded by this
      // write, or replaced by a new trailing part.
      if (tally.oldPartToDelete && !tally.newIncompletePart && (succeeded || tally.fullParts > 0)) {
        await super.deleteIncompletePart(id);
      }
    }
    if (sourceError !== undefined) throw sourceError;
    return newOffset;
  }

  /** Deferred while a write runs: see `write`. */
  protected override async deleteIncompletePart(id: string): Promise<void> {
    const tally = this.writes.get(id);
    if (tally === undefined) return super.deleteIncompletePart(id);
    tally.oldPartToDelete = true;
  }

  protected override async uploadPart(
    metadata: MetadataValue,
    readStream: ReadStream | Readable | Buffer,
    partNumber: number,
  ): Promise<string> {
    const etag = await super.uploadPart(metadata, readStream, partNumber);
    const tally = this.writes.get(metadata.file.id);
    if (tally !== undefined) tally.fullParts += 1;
    return etag;
  }

  protected override async uploadIncompletePart(
    id: string,
    readStream: ReadStream | Readable,
  ): Promise<string> {
    const etag = await super.uploadIncompletePart(id, readStream);
    const tally = this.writes.get(id);
    if (tally !== undefined) tally.newIncompletePart = true;
    return etag;
  }

  override async declareUploadLength(id: string, length: number): Promise<void> {
    await super.declareUploadLength(id, length);
    await this.clearCache(id);
    const upload = await this.getUpload(id);
    if (upload.offset === length) await this.write(Readable.from([]), id, length);
  }
}
