import { Readable } from 'node:stream';
import { API_PATHS } from '@temp-contents/contract';
import type { FastifyPluginAsync } from 'fastify';
import type { ServerConfig } from '../config/server-config.js';
import type { ContentService } from '../contents/content-service.js';
import { toDetailResponse } from '../contents/detail-response.js';
import { checkFilename, checkTtl } from '../contents/upload-params.js';
import { ApiError } from '../errors/api-error.js';
import { requirePrincipal } from './require-principal.js';

export interface RouteOptions {
  config: ServerConfig;
  service: ContentService;
}

/**
 * `TempContentsPost`: the raw body, whatever its Content-Type, streamed into the store (never
 * buffered or parsed), answered with 201, a relative `Location` and the DetailResponse.
 */
export const tempContentsPostRoute: FastifyPluginAsync<RouteOptions> = async (
  app,
  { config, service },
) => {
  // This plugin is encapsulated: its parser list is its own. One catch-all parser hands the
  // untouched request stream to the handler, so JSON, forms or text are stored byte for byte.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post<{ Querystring: Record<string, unknown> }>(API_PATHS.contents, {
    config: { rateLimitTier: '2' },
    // The spec: "The server does not look at the request's Content-Type". Dropping it here
    // keeps Fastify from answering 415 to a type it cannot parse.
    onRequest: async (request) => {
      delete request.raw.headers['content-type'];
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const ttl = checkTtl(request.query.ttl);
      if (!ttl.ok) throw new ApiError('INVALID_TTL', ttl.reason);
      const filename = checkFilename(request.query.filename);
      if (!filename.ok) throw new ApiError('INVALID_FILENAME', filename.reason);

      const header = request.headers['content-length'];
      const declaredLength = header === undefined ? undefined : Number(header);
      if (declaredLength !== undefined && declaredLength > config.maxUploadBytes) {
        throw new ApiError(
          'PAYLOAD_TOO_LARGE',
          `Content-Length ${declaredLength} is over the maximum of ${config.maxUploadBytes} bytes.`,
        );
      }
      // No body at all (no Content-Length, no Transfer-Encoding): Fastify skips the parser.
      const body = request.body instanceof Readable ? request.body : Readable.from([]);
      const record = await service.createFromStream(
        principal,
        { name: filename.value, ttlSeconds: ttl.value },
        body,
        { declaredLength, maxBytes: config.maxUploadBytes },
      );
      request.log.info({ contentId: record.id, bytes: record.size }, 'content stored');
      return reply
        .code(201)
        .header('location', `${API_PATHS.contents}/${record.id}`)
        .send(toDetailResponse(record));
    },
  });
};
