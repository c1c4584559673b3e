import { ApiError } from './api-error.js';

/**
 * Codes of a write that failed because the disk or the user's quota is full: errno codes of
 * file writes, and SQLite's (better-sqlite3) when the index cannot grow.
 */
const STORAGE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
/** errno codes of a connection to Redis or the object store that could not be made or broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** Error names of ioredis and the AWS SDK that mean "the service did not answer in time". */
const UNAVAILABLE_NAMES = new Set([
  'MaxRetriesPerRequestError',
  'TimeoutError',
  'ServiceUnavailable',
  'SlowDown',
  'RequestTimeout',
]);

/**
 * The answer for an error that storage raised, undefined for any other: 507 when there is no
 * room left (a full disk or quota; the spec lists 507 where bytes are written, and the failed
 * upload's bytes are removed by the caller), 503 with Retry-After when shared storage (Redis,
 * the object store) does not answer right now (a retry may succeed; nothing acknowledged is
 * lost). Libraries wrap the errors they meet, so the `cause` chain is searched too.
 */
export function storageError(error: unknown): ApiError | undefined {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (hasFullCode(e)) {
      return new ApiError(
        'INSUFFICIENT_STORAGE',
        'The server has no room left to store this content.',
      );
    }
    if (isUnavailable(e)) {
      return new ApiError('UNAVAILABLE', 'Storage does not answer right now; try again shortly.', {
        'retry-after': '5',
      });
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when `error` (or one it wraps) says the disk or quota is full. */
export function isStorageFull(error: unknown): boolean {
  return storageError(error)?.code === 'INSUFFICIENT_STORAGE';
}

function hasFullCode(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && STORAGE_FULL_CODES.has(code);
}

function isUnavailable(error: unknown): boolean {
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status === 502 || status === 503 || status === 504) return true;
  // ioredis, while its connection is down and its retries are spent.
  return (
    typeof e.message === 'string' &&
    (e.message === 'Connection is closed.' || e.message.startsWith('Command timed out'))
  );
}
