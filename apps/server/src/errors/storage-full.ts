import { ApiError } from './api-error.js';

/** errno codes of a write that failed because the disk or the user's quota is full. */
const STORAGE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * 507 for an error that means "no room left" (a full disk or quota while storing a body),
 * undefined for anything else. The spec lists 507 on the upload operations; the bytes of the
 * failed upload are removed by the caller, as for any incomplete body.
 */
export function storageFullError(error: unknown): ApiError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_FULL_CODES.has(code)) return undefined;
  return new ApiError('INSUFFICIENT_STORAGE', 'The server has no room left to store this content.');
}
