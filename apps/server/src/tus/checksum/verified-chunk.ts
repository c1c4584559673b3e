import type { IncomingMessage } from 'node:http';
import { ApiError } from '../../errors/api-error.js';
import { type SpooledBody, type SpoolOptions, spoolBody } from './spooled-body.js';
import { checksumPlacement, parseUploadChecksum } from './upload-checksum.js';

/**
 * tus checksum and checksum-trailer, before @tus/server sees the request: a body that carries
 * `Upload-Checksum` (header) or promises it (`Trailer: Upload-Checksum`) is received whole into a
 * temporary file and hashed; only a body whose digest matches is handed on, as the spooled file.
 * So a mismatch stores nothing on any backend (the store never sees a byte) and the offset stays
 * where it was: checksum: "If the hashes do not match, the Server MUST respond with the 460
 * Checksum Mismatch status ... and MUST NOT store the chunk".
 *
 * Returns undefined for a request without a checksum (its body streams to the store as before).
 * The caller disposes of the result once the store has read it.
 */
export async function receiveVerifiedBody(
  request: IncomingMessage,
  options: Omit<SpoolOptions, 'algorithm'>,
): Promise<SpooledBody | undefined> {
  const placement = checksumPlacement(request.headers);
  if (placement === undefined) return undefined;
  // A bad header is judged before the body is read (400, the rest of the body is discarded).
  const declared =
    placement === 'header'
      ? parseUploadChecksum(request.headers['upload-checksum'], 'header')
      : undefined;
  const body = await spoolBody(request, { ...options, algorithm: declared?.algorithm });
  try {
    // Node fills `trailers` once the body has ended.
    const checksum =
      declared ?? parseUploadChecksum(request.trailers['upload-checksum'], placement);
    const actual = body.digest ?? (await body.hash(checksum.algorithm));
    if (!actual.equals(checksum.digest)) {
      throw new ApiError(
        'CHECKSUM_MISMATCH',
        `The ${checksum.algorithm} digest of the ${body.size} bytes received is ${actual.toString('base64')}, not ${checksum.digest.toString('base64')}; nothing was stored, send the chunk again.`,
      );
    }
    return body;
  } catch (error) {
    await body.dispose();
    throw error;
  }
}
