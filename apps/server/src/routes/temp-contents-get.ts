import { API_PATHS } from '@temp-contents/contract';
import type { FastifyPluginAsync } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { contentDisposition } from '../http/content-disposition.js';
import { contentRange, evaluateRange } from '../http/range.js';
import { isComplete } from '../storage/content-record.js';
import { nginxCanServe } from './accel-redirect.js';
import { requirePrincipal } from './require-principal.js';
import type { RouteOptions } from './temp-contents-post.js';

const CONTENT_PATH = API_PATHS.content.replace('{id}', ':id');

/**
 * `TempContentsGet` and `TempContentsHead`: the bytes (or just the headers) of a complete
 * content, whole or one byte range; 204 while incomplete, 404 unknown, 410 expired.
 */
export const tempContentsGetRoute: FastifyPluginAsync<RouteOptions> = async (
  app,
  { config, service },
) => {
  const redirect = config.storage.kind === 's3' && config.storage.download === 'redirect';
  const accel = config.storage.kind === 'fs' ? config.storage.accelRedirect : undefined;
  app.route<{ Params: { id: string }; Querystring: Record<string, unknown> }>({
    method: ['GET', 'HEAD'],
    url: CONTENT_PATH,
    config: { rateLimitTier: '1' },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const inline = parseInline(request.query.inline);
      const record = await service.lookup(principal, request.params.id);
      if (!isComplete(record)) {
        await service.assertCanComplete(record);
        return reply.code(204).send();
      }

      const size = record.size as number;
      const etag = `"${record.id}-${size}"`;
      const decision = evaluateRange({
        range: request.headers.range,
        ifRange: singleHeader(request.headers['if-range']),
        size,
        etag,
        lastModified: record.updatedAt,
      });
      reply.headers({
        'accept-ranges': 'bytes',
        etag,
        'last-modified': record.updatedAt.toUTCString(),
        'cache-control': 'private',
        'x-content-type-options': 'nosniff',
        // Even with inline=1 a stored HTML or SVG file cannot run script on our origin.
        'content-security-policy': "sandbox; default-src 'none'",
      });
      if (decision.kind === 'unsatisfiable') {
        throw new ApiError('RANGE_NOT_SATISFIABLE', `The content has ${size} bytes.`, {
          'content-range': contentRange(decision, size) as string,
        });
      }
      const disposition = contentDisposition(record.name, inline);
      if (redirect && request.method === 'GET') {
        // The object store serves the bytes; the client repeats its Range there. Status checks
        // (404, 410, 204, 416) stay here, where the record is.
        const location = await service.downloadUrl(record, {
          contentType: record.contentType,
          contentDisposition: disposition,
        });
        if (location !== undefined) {
          return reply
            .code(307)
            .header('location', location)
            .header('cache-control', 'no-store')
            .send();
        }
      }
      if (
        accel !== undefined &&
        request.method === 'GET' &&
        nginxCanServe(request.headers, decision)
      ) {
        // nginx sends the bytes (sendfile, the range) with these headers; it sets its own
        // Content-Length (and Accept-Ranges on a whole content), and strips X-Accel-Redirect.
        if (decision.kind === 'full') reply.removeHeader('accept-ranges');
        return reply
          .code(200)
          .header('content-type', record.contentType)
          .header('content-disposition', disposition)
          .header('x-accel-redirect', `${accel}${record.id}`)
          .send();
      }
      const partial = decision.kind === 'partial';
      const length = partial ? decision.end - decision.start + 1 : size;
      reply
        .code(partial ? 206 : 200)
        .header('content-type', record.contentType)
        .header('content-disposition', disposition)
        .header('content-length', String(length));
      if (partial) reply.header('content-range', contentRange(decision, size) as string);
      if (request.method === 'HEAD' || length === 0) return reply.send();
      return reply.send(
        await service.openContent(
          record,
          partial ? { start: decision.start, end: decision.end } : undefined,
        ),
      );
    },
  });
};

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `inline`: `1`/`true` -> inline, `0`/`false`/empty/absent -> attachment, else -> 400. */
function parseInline(raw: unknown): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ApiError('INVALID_REQUEST', 'inline must be one of 0, 1, true, false.');
}
