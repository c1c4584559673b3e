import { createHash, type Hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  HEADERS,
  TUS_CHECKSUM_ALGORITHMS,
  type TusChecksumAlgorithm,
} from '@temp-contents/contract';
import { ApiError } from '../../errors/api-error.js';

/** A parsed `Upload-Checksum`: which algorithm, and the digest the client computed. */
export interface UploadChecksum {
  algorithm: TusChecksumAlgorithm;
  digest: Buffer;
}

/** node:crypto's name and the digest length in bytes of each algorithm we offer. */
const ALGORITHMS: Record<TusChecksumAlgorithm, { node: string; bytes: number }> = {
  sha1: { node: 'sha1', bytes: 20 },
  sha256: { node: 'sha256', bytes: 32 },
  md5: { node: 'md5', bytes: 16 },
};

export function createChecksumHash(algorithm: TusChecksumAlgorithm): Hash {
  return createHash(ALGORITHMS[algorithm].node);
}

/** Where a request puts its checksum: in the headers, as a promised trailer, or nowhere. */
export type ChecksumPlacement = 'header' | 'trailer' | undefined;

/**
 * checksum: "The Client MAY include the Upload-Checksum header in a PATCH request." checksum-
 * trailer: the header may instead follow a chunked body, announced by `Trailer: Upload-Checksum`.
 * Both at once is ambiguous (which one would count?): 400.
 */
export function checksumPlacement(headers: IncomingHttpHeaders): ChecksumPlacement {
  const inHeader = headers['upload-checksum'] !== undefined;
  const promised = (headers.trailer ?? '')
    .split(',')
    .some((name) => name.trim().toLowerCase() === 'upload-checksum');
  if (inHeader && promised) {
    throw new ApiError(
      'INVALID_UPLOAD_CHECKSUM',
      'Send Upload-Checksum either as a header or as a trailer, not both.',
    );
  }
  if (inHeader) return 'header';
  return promised ? 'trailer' : undefined;
}

/**
 * `Upload-Checksum: <algorithm> <Base64 digest>`. checksum: "If the hash algorithm is not
 * supported by the server, the server MUST respond with the 400 Bad Request status"; a value that
 * is not an algorithm, one space and the Base64 of a digest of that algorithm's length is
 * malformed, also 400. `where` names the header or trailer in the message.
 */
export function parseUploadChecksum(
  value: string | string[] | undefined,
  where: 'header' | 'trailer',
): UploadChecksum {
  const name = `${HEADERS.uploadChecksum} ${where}`;
  if (value === undefined) {
    throw new ApiError(
      'INVALID_UPLOAD_CHECKSUM',
      `The request announced an ${name} (Trailer: Upload-Checksum) but sent none.`,
    );
  }
  const text = (Array.isArray(value) ? value.join(',') : value).trim();
  const match = /^([A-Za-z0-9-]+) ([A-Za-z0-9+/]+={0,2})$/.exec(text);
  if (match === null) {
    throw new ApiError(
      'INVALID_UPLOAD_CHECKSUM',
      `The ${name} must be "<algorithm> <Base64 digest>", e.g. "sha256 ${Buffer.alloc(32).toString('base64')}".`,
    );
  }
  const algorithm = (match[1] as string).toLowerCase();
  if (!(TUS_CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new ApiError(
      'INVALID_UPLOAD_CHECKSUM',
      `Checksum algorithm "${match[1]}" is not supported; use one of ${TUS_CHECKSUM_ALGORITHMS.join(', ')} (Tus-Checksum-Algorithm).`,
    );
  }
  const supported = algorithm as TusChecksumAlgorithm;
  const digest = Buffer.from(match[2] as string, 'base64');
  if (digest.length !== ALGORITHMS[supported].bytes) {
    throw new ApiError(
      'INVALID_UPLOAD_CHECKSUM',
      `The ${name} holds ${digest.length} bytes; a ${supported} digest has ${ALGORITHMS[supported].bytes}.`,
    );
  }
  return { algorithm: supported, digest };
}
