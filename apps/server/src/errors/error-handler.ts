import { ERROR_REGISTRY, type ErrorCode, HEADERS, TUS_VERSION } from '@temp-contents/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isTusPath } from '../tus/tus-path.js';
import { ApiError } from './api-error.js';
import { sendErrorEnvelope } from './error-envelope.js';
import { RouteTable } from './route-table.js';
import { storageError } from './storage-error.js';

/** Registry code for each status Fastify itself can raise; anything else 4xx is a bad request. */
const CODE_BY_STATUS = new Map<number, ErrorCode>();
for (const [code, { status }] of Object.entries(ERROR_REGISTRY) as [
  ErrorCode,
  { status: number },
][]) {
  // The first code registered for a status is its generic one (INVALID_REQUEST for 400).
  if (!CODE_BY_STATUS.has(status)) CODE_BY_STATUS.set(status, code);
}

/**
 * Turns anything thrown into an ApiError. Fastify's own errors keep their status (400
 * validation, 413 body limit, 415 media type, ...) but get a registry code; unknown errors
 * become INTERNAL without leaking their message.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const storage = storageError(error);
  if (storage !== undefined) return storage;
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS.get(status) ?? 'INVALID_REQUEST';
    // Fastify's 4xx messages describe the client's mistake ("querystring/x must be ...").
    return new ApiError(code, (error as Error).message);
  }
  if (status === 503) return new ApiError('UNAVAILABLE');
  return new ApiError('INTERNAL', 'Unexpected error; quote the traceId when reporting it.');
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode } = error as Partial<FastifyError>;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/**
 * Fastify's `frameworkErrors`: what its router rejects before any route or hook runs, answered
 * in the envelope like every other error. A path parameter longer than the router allows
 * cannot be an id (ids are 32 characters): 404. A malformed percent-escape: 400.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const apiError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ApiError('NOT_FOUND', 'No temporary content with this id.')
      : new ApiError('INVALID_REQUEST', 'The URL is not valid: it has a malformed percent-escape.');
  request.log.info({ code: apiError.code, detail: error.message }, 'request rejected');
  sendErrorEnvelope(reply, apiError, request.id, tusHeaders(request.url));
}

/** tus requires `Tus-Resumable` on every response under its URLs, errors of any origin included. */
function tusHeaders(url: string): Record<string, string> {
  return isTusPath(url) ? { [HEADERS.tusResumable]: TUS_VERSION } : {};
}

/**
 * Route `config` a route can set to replace its methods in the `Allow` header of a 405 on its
 * path, when it accepts a method only as a carrier (e.g. POST with X-HTTP-Method-Override).
 */
export interface AllowConfig {
  allow?: readonly string[];
}

/**
 * The one place that answers errors: route errors (setErrorHandler), unknown routes and
 * unsupported methods (setNotFoundHandler: 404, or 405 with `Allow` when the path exists).
 * Must be registered on the root instance before any route so the route table sees them all.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  const routes = new RouteTable();
  app.addHook('onRoute', (route) => {
    // A route may serve methods it does not advertise (tus tunnels PATCH/DELETE through POST).
    const advertised = (route.config as AllowConfig | undefined)?.allow;
    routes.add(route.url, advertised ?? route.method);
  });

  /** 404, or 405 with `Allow` when the path exists with other methods. */
  const unmatchedRoute = (request: FastifyRequest): ApiError => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const allowed = routes.methodsFor(path);
    return allowed.length > 0
      ? new ApiError('METHOD_NOT_ALLOWED', `${request.method} is not supported on ${path}.`, {
          allow: allowed.join(', '),
        })
      : new ApiError('NOT_FOUND', `No route ${request.method} ${path}.`);
  };

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // Fastify parses the body of an unmatched request (e.g. `QUERY` without a Content-Type)
    // before the not-found handler runs; the missing route is the real answer, not the body.
    const apiError = request.is404 ? unmatchedRoute(request) : toApiError(error);
    if (apiError.status >= 500) {
      // The stack goes to the log only; the client gets the traceId to quote.
      request.log.error({ err: error, code: apiError.code }, 'request failed');
    } else {
      request.log.info({ code: apiError.code, detail: apiError.detail }, 'request rejected');
    }
    // Errors raised before a tus route ran (auth, body parsing) are tus responses too.
    sendErrorEnvelope(reply, apiError, request.id, tusHeaders(request.url), request.raw);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    sendErrorEnvelope(reply, unmatchedRoute(request), request.id, tusHeaders(request.url));
  });
}
