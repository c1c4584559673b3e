import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { HEADERS, TUS_VERSION } from '@temp-contents/contract';
import type { FastifyBaseLogger } from 'fastify';
import { isTusPath } from '../tus/tus-path.js';
import { ApiError } from './api-error.js';
import { errorEnvelope } from './error-envelope.js';
import { newTraceId } from './trace-id.js';

/**
 * What Node's HTTP parser attaches to a `clientError` (node:http, event 'clientError'):
 * `rawPacket` is a Buffer at runtime, though Fastify's `ConnectionError` types it otherwise.
 */
type ClientParseError = Error & { code?: string; rawPacket?: unknown };

/**
 * Answers requests Node's HTTP parser rejects before Fastify sees them (malformed
 * `Content-Length`, invalid header characters, oversized headers, ...) with the error envelope,
 * instead of Fastify's default body. The request never reached a route, so there is no request
 * id yet: a fresh traceId is generated and logged. tus requests (recognised from the raw
 * request line when Node kept it) also get `Tus-Resumable`, which tus requires on every
 * response but OPTIONS. The connection is closed afterwards: after a framing error nothing
 * more on it can be trusted. Pass as Fastify's `clientErrorHandler` option (Fastify binds `this`).
 */
export function answerClientError(
  this: { log: FastifyBaseLogger },
  error: ClientParseError,
  socket: Socket,
): void {
  // A reset or already closed connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const traceId = newTraceId();
  this.log.info({ traceId, code: error.code }, 'unparseable request rejected');
  // A request whose headers never finished in time: close without a response.
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.destroy();
    return;
  }
  const detail =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'The request headers are too large.'
      : `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}).`;
  const extra = isTusRequest(error.rawPacket) ? [`${HEADERS.tusResumable}: ${TUS_VERSION}`] : [];
  endSocketWithError(socket, new ApiError('INVALID_REQUEST', detail), traceId, extra);
}

/**
 * `CONNECT` (a tunnel request, which Node hands to a 'connect' listener or else drops without a
 * word): answered 405 in the envelope, with the methods this service has, and closed.
 */
export function answerConnect(log: FastifyBaseLogger, socket: Socket): void {
  const traceId = newTraceId();
  log.info({ traceId }, 'CONNECT rejected');
  const error = new ApiError('METHOD_NOT_ALLOWED', 'CONNECT is not supported: this is no proxy.');
  endSocketWithError(socket, error, traceId, ['Allow: GET, HEAD, POST, PATCH, DELETE, OPTIONS']);
}

/** Writes a whole error response (envelope, `Connection: close`) on a raw socket and ends it. */
function endSocketWithError(
  socket: Socket,
  apiError: ApiError,
  traceId: string,
  extraHeaders: string[],
): void {
  const body = JSON.stringify(errorEnvelope(apiError, traceId));
  const headers = [
    `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...extraHeaders,
  ];
  if (socket.writable) socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
  else socket.destroy();
}

/** True when the raw bytes start with a request line whose target is under the tus path. */
function isTusRequest(rawPacket: unknown): boolean {
  if (!Buffer.isBuffer(rawPacket)) return false;
  const requestLine = rawPacket.subarray(0, 2048).toString('latin1').split('\r\n', 1)[0] ?? '';
  const target = requestLine.split(' ')[1] ?? '';
  return isTusPath(target.replace(/^https?:\/\/[^/]+/i, ''));
}
