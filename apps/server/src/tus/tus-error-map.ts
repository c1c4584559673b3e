import { ERRORS } from '@tus/utils';
import { ApiError } from '../errors/api-error.js';
import { storageError } from '../errors/storage-error.js';

/** Seconds a client is told to wait after 423 before retrying (with HEAD first). */
export const LOCKED_RETRY_AFTER_SECONDS = 1;

export function uploadLocked(detail: string): ApiError {
  return new ApiError('UPLOAD_LOCKED', `${detail} Retry with HEAD to learn the offset.`, {
    'retry-after': String(LOCKED_RETRY_AFTER_SECONDS),
  });
}

type TusError = { status_code: number; body: string };

/**
 * @tus/server's errors (plain-text bodies, some with statuses that contradict tus 1.0.0 or our
 * spec) -> our registry. Entries are matched by identity, as @tus/server throws these objects.
 */
const BY_TUS_ERROR = new Map<TusError, () => ApiError>([
  // 500 in @tus/server: the lock holder did not let go within the acquire timeout.
  [ERRORS.ERR_LOCK_TIMEOUT, () => uploadLocked('Another request is working on this upload.')],
  // 400 in @tus/server: this request was stopped because a newer one asked for the lock.
  [ERRORS.ABORTED, () => uploadLocked('A newer request on this upload took it over.')],
  [ERRORS.FILE_NOT_FOUND, () => new ApiError('NOT_FOUND', 'No such upload.')],
  // The upload's info exists but its bytes are gone (removed by a sweep or a crash).
  [ERRORS.FILE_NO_LONGER_EXISTS, () => new ApiError('GONE', 'The upload no longer exists.')],
  [
    ERRORS.INVALID_OFFSET,
    () =>
      new ApiError(
        'OFFSET_MISMATCH',
        'Upload-Offset differs from the offset of the upload; nothing was written.',
      ),
  ],
  [
    ERRORS.ERR_SIZE_EXCEEDED,
    () =>
      new ApiError(
        'PAYLOAD_TOO_LARGE',
        'The body runs past Upload-Length; nothing past it was stored.',
      ),
  ],
  [
    ERRORS.ERR_MAX_SIZE_EXCEEDED,
    () => new ApiError('PAYLOAD_TOO_LARGE', 'The upload exceeds Tus-Max-Size.'),
  ],
  [
    ERRORS.INVALID_LENGTH,
    () =>
      new ApiError(
        'INVALID_UPLOAD_LENGTH',
        'Upload-Length may be declared once, not below the offset, and only for a deferred-length upload.',
      ),
  ],
  [ERRORS.INVALID_METADATA, () => new ApiError('INVALID_UPLOAD_METADATA')],
  // 403 in @tus/server.
  [
    ERRORS.MISSING_OFFSET,
    () => new ApiError('INVALID_UPLOAD_OFFSET', 'Upload-Offset is required.'),
  ],
  // 403 in @tus/server.
  [ERRORS.INVALID_CONTENT_TYPE, () => new ApiError('UNSUPPORTED_MEDIA_TYPE')],
  // 501 in @tus/server. Never expected: Upload-Concat is judged by us and not handed over
  // (concatenation/), but a 501 must not leak should it come.
  [
    ERRORS.UNSUPPORTED_CONCATENATION_EXTENSION,
    () => new ApiError('INVALID_UPLOAD_CONCAT', 'Upload-Concat could not be processed.'),
  ],
]);

/** Statuses @tus/server writes without throwing (header validation, 412, 404 for a method). */
const BY_STATUS: Record<number, () => ApiError> = {
  400: () => new ApiError('INVALID_REQUEST', 'Invalid tus request headers.'),
  404: () => new ApiError('NOT_FOUND', 'No such upload.'),
  409: () => new ApiError('OFFSET_MISMATCH'),
  410: () => new ApiError('GONE'),
  412: () => new ApiError('TUS_VERSION_UNSUPPORTED', undefined, { 'tus-version': '1.0.0' }),
  413: () => new ApiError('PAYLOAD_TOO_LARGE'),
  415: () => new ApiError('UNSUPPORTED_MEDIA_TYPE'),
};

/**
 * The ApiError for an error response of @tus/server. `thrown` is what reached its
 * `onResponseError` (undefined when it wrote the response without throwing).
 */
export function mapTusError(status: number, thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  const known = BY_TUS_ERROR.get(thrown as TusError);
  if (known !== undefined) return known();
  // StreamLimiter's MaxFileExceededError is a class, not one of the ERRORS objects.
  if ((thrown as Partial<TusError> | undefined)?.status_code === 413) {
    return new ApiError(
      'PAYLOAD_TOO_LARGE',
      'The body runs past the size of the upload; nothing past it was stored.',
    );
  }
  const storage = storageError(thrown);
  if (storage !== undefined) return storage;
  const byStatus = BY_STATUS[status];
  if (byStatus !== undefined) return byStatus();
  if (status >= 400 && status < 500) return new ApiError('INVALID_REQUEST');
  return new ApiError('INTERNAL', 'Unexpected error; quote the traceId when reporting it.');
}
