import { HEADERS } from '@temp-contents/contract';
import type { ContentService } from '../contents/content-service.js';
import { ApiError } from '../errors/api-error.js';
import type { ContentRecord } from '../storage/content-record.js';

/**
 * A 409 OFFSET_MISMATCH that tells where the upload is (`Upload-Offset`), so a client can go on
 * without a HEAD. The offset is the byte store's, as HEAD reports it (the record may lag behind
 * the bytes); the record's is the fallback when the store cannot say.
 */
export async function withCurrentOffset(
  error: ApiError,
  service: ContentService,
  record: ContentRecord,
): Promise<ApiError> {
  const offset = await service.uploads.getUpload(record.id).then(
    (upload) => upload.offset,
    () => record.offset,
  );
  return new ApiError(error.code, `${error.detail ?? error.title} The upload is at ${offset}.`, {
    ...error.headers,
    [HEADERS.uploadOffset.toLowerCase()]: String(offset),
  });
}
