import { Readable } from 'node:stream';
import { S3Store } from '@tus/s3-store';

/**
 * Two gaps of @tus/s3-store 2.0 closed for a shared (Redis) upload-info cache and plain POSTs.
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
export class CompletingS3Store extends S3Store {
  override async declareUploadLength(id: string, length: number): Promise<void> {
    await super.declareUploadLength(id, length);
    await this.clearCache(id);
    const upload = await this.getUpload(id);
    if (upload.offset === length) await this.write(Readable.from([]), id, length);
  }
}
