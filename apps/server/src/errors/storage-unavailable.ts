import { ApiError } from './api-error.js';

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
 * 503 for an error that means shared storage (Redis, the object store) is unreachable or
 * overloaded right now, undefined for anything else: the request may succeed when retried, and
 * no acknowledged content is lost meanwhile. Looks through `cause` chains, as libraries wrap.
 */
export function storageUnavailableError(error: unknown): ApiError | undefined {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (isUnavailable(e)) {
      return new ApiError('UNAVAILABLE', 'Storage does not answer right now; try again shortly.', {
        'retry-after': '5',
      });
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
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
