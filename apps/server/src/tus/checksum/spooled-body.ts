import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { TusChecksumAlgorithm } from '@temp-contents/contract';
import { ApiError } from '../../errors/api-error.js';
import { createChecksumHash } from './upload-checksum.js';

/** A request body received whole into a temporary file, before anything is stored. */
export interface SpooledBody {
  size: number;
  /** The body's digest, when an algorithm was given while spooling. */
  digest: Buffer | undefined;
  /** The spooled bytes, from the start. */
  open(): Readable;
  /** Digest of the spooled bytes with `algorithm` (reads the file again). */
  hash(algorithm: TusChecksumAlgorithm): Promise<Buffer>;
  /** Removes the file; safe to call more than once. */
  dispose(): Promise<void>;
}

export interface SpoolOptions {
  /** Directory of the temporary file. */
  dir: string;
  /** More bytes than this answer 413 before they are all read. */
  limit: number;
  /** Hash while spooling (the algorithm is known from the header). */
  algorithm: TusChecksumAlgorithm | undefined;
}

/**
 * Reads `source` to its end into `<dir>/tc-chunk-<random>`, hashing on the way. The request is
 * never destroyed here: on a body past `limit` it is left paused for the error answer, which
 * reads and discards the rest (lingering close). A client that goes away, a write error or the
 * limit reject, and the file is removed.
 */
export function spoolBody(source: IncomingMessage, options: SpoolOptions): Promise<SpooledBody> {
  const file = path.join(options.dir, `tc-chunk-${randomBytes(12).toString('hex')}`);
  const dispose = () => rm(file, { force: true });
  const hash = options.algorithm === undefined ? undefined : createChecksumHash(options.algorithm);
  const out = createWriteStream(file, { flags: 'wx' });
  return new Promise<SpooledBody>((resolve, reject) => {
    let size = 0;
    let settled = false;
    const detach = () => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onSourceGone);
      source.off('close', onSourceGone);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      detach();
      source.pause();
      out.destroy();
      dispose().then(
        () => reject(error),
        () => reject(error),
      );
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.limit) {
        fail(
          new ApiError(
            'PAYLOAD_TOO_LARGE',
            `The body is larger than ${options.limit} bytes, the most this upload can take; nothing was stored.`,
          ),
        );
        return;
      }
      hash?.update(chunk);
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => {
          if (!settled) source.resume();
        });
      }
    };
    const onEnd = () => {
      detach();
      out.end();
      out.once('close', () => {
        if (settled) return;
        settled = true;
        resolve({
          size,
          digest: hash?.digest(),
          open: () => createReadStream(file),
          hash: (algorithm) => hashFile(file, algorithm),
          dispose,
        });
      });
    };
    const onSourceGone = () => {
      if (!source.complete) {
        fail(
          new ApiError(
            'INVALID_REQUEST',
            'The request body was cut off before its end; nothing was stored.',
          ),
        );
      }
    };
    out.once('error', fail);
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', onSourceGone);
    source.once('close', onSourceGone);
    source.resume();
  });
}

async function hashFile(file: string, algorithm: TusChecksumAlgorithm): Promise<Buffer> {
  const hash = createChecksumHash(algorithm);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest();
}
