import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorEnvelope } from '@temp-contents/contract';
import type { FastifyReply } from 'fastify';
import { endAfterRequestBody } from '../http/lingering-close.js';
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
 * With `request`, a body the request is still sending is read to its end (discarded) before
 * the response ends, so the client does not lose the answer to a TCP reset
 * (see endAfterRequestBody); a Fastify reply is hijacked for that.
 */
export function sendErrorEnvelope(
  target: FastifyReply | ServerResponse,
  error: ApiError,
  traceId: string,
  extraHeaders: Record<string, string> = {},
  request?: IncomingMessage,
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
    // A body left unread ends the connection: it is drained (below), not parsed as a request.
    if (request !== undefined && !request.complete) headers.connection = 'close';
    for (const [name, value] of Object.entries(headers)) target.setHeader(name, value);
    target.setHeader('content-length', Buffer.byteLength(body));
    target.statusCode = error.status;
    // Node drops the body of a HEAD response by itself.
    if (request === undefined) target.end(body);
    else endAfterRequestBody(request, target, body);
    return;
  }
  if (target.sent || target.raw.headersSent) {
    target.raw.destroy();
    return;
  }
  if (request !== undefined && !request.complete) {
    // Answering before the body was read: the raw path reads the rest before closing.
    target.hijack();
    for (const [name, value] of Object.entries(target.getHeaders())) {
      if (value !== undefined) target.raw.setHeader(name, value);
    }
    sendErrorEnvelope(target.raw, error, traceId, extraHeaders, request);
    return;
  }
  target.code(error.status).headers(headers).send(body);
}

function isServerResponse(target: FastifyReply | ServerResponse): target is ServerResponse {
  return !('raw' in target);
}
