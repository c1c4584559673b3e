import type { ServerResponse } from 'node:http';
import type { ErrorEnvelope } from '@temp-contents/contract';
import type { FastifyReply } from 'fastify';
import type { ApiError } from './api-error.js';

/** The JSON body of every error response: `{errors:[{code,title,detail}], traceId}`. */
export function errorEnvelope(error: ApiError, traceId: string): ErrorEnvelope {
  return {
    errors: [
      {
        code: error.code,
        title: error.title,
        ...(error.detail === undefined ? {} : { detail: error.detail }),
      },
    ],
    traceId,
  };
}

/**
 * Writes an ApiError as the envelope, on a Fastify reply or on a raw/hijacked Node response
 * (the tus routes let @tus/server write responses itself). `extraHeaders` are added after the
 * error's own headers (e.g. `Tus-Resumable` on every tus response). No-op when headers are
 * already sent: the status line is gone, the connection is the only thing left to close.
 */
export function sendErrorEnvelope(
  target: FastifyReply | ServerResponse,
  error: ApiError,
  traceId: string,
  extraHeaders: Record<string, string> = {},
): void {
  const body = JSON.stringify(errorEnvelope(error, traceId));
  const headers: Record<string, string> = {
    ...error.headers,
    ...extraHeaders,
    'content-type': 'application/json; charset=utf-8',
  };
  if (isServerResponse(target)) {
    if (target.headersSent) {
      target.destroy();
      return;
    }
    for (const [name, value] of Object.entries(headers)) target.setHeader(name, value);
    target.setHeader('content-length', Buffer.byteLength(body));
    target.statusCode = error.status;
    // Node drops the body of a HEAD response by itself.
    target.end(body);
    return;
  }
  if (target.sent || target.raw.headersSent) {
    target.raw.destroy();
    return;
  }
  target.code(error.status).headers(headers).send(body);
}

function isServerResponse(target: FastifyReply | ServerResponse): target is ServerResponse {
  return !('raw' in target);
}
