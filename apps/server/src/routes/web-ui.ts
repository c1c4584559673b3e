import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { API_PATHS } from '@temp-contents/contract';
import { readWebManifest, WEB_DIST_DIR, type WebFile } from '@temp-contents/web';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

/**
 * Only this origin's own scripts, styles, fetches and images (plus `data:`/`blob:` images:
 * Swagger UI's icons, Uppy's thumbnails); no inline script, no plugins, no framing, no
 * `<base>`. The pages are built so that nothing else is needed (apps/web).
 */
export const WEB_UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The pages the spec declares: without a build they answer 503 instead of vanishing. */
const PAGE_PATHS = [
  API_PATHS.uploadPage,
  API_PATHS.apiReference,
  API_PATHS.openapiYaml,
  API_PATHS.openapiJson,
];

function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  return (
    typeof accept === 'string' &&
    /\bgzip\b/i.test(accept) &&
    !/\bgzip;\s*q=0(\.0*)?\b/i.test(accept)
  );
}

function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return (
    header.trim() === '*' ||
    header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
  );
}

function serve(file: WebFile, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply
    .header('content-type', file.contentType)
    .header('etag', file.etag)
    // Hashed names never change their bytes; pages and the spec are revalidated (cheap: 304).
    .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', WEB_UI_CSP)
    .header('referrer-policy', 'no-referrer');
  if (file.gzip !== undefined) reply.header('vary', 'Accept-Encoding');
  if (matchesEtag(request, file.etag)) return reply.code(304).send();
  const variant = file.gzip !== undefined && acceptsGzip(request) ? file.gzip : undefined;
  if (variant !== undefined) reply.header('content-encoding', 'gzip');
  reply.header('content-length', variant?.size ?? file.size);
  return reply.send(createReadStream(join(WEB_DIST_DIR, variant?.file ?? file.file)));
}

/**
 * The upload page (`/`), the API reference (`/docs`), the raw spec (`/openapi.yaml`,
 * `/openapi.json`) and their assets (`/ui/...`), built by @temp-contents/web. No token: the
 * pages ask for one and send it with each API call themselves. Registered at the root, outside
 * the API scope (no auth, no rate limit).
 */
export const webUiRoutes: FastifyPluginAsync = async (app) => {
  const manifest = await readWebManifest();
  if (manifest === undefined) {
    app.log.warn('the web pages are not built (apps/web/dist): / and /docs answer 503');
    for (const url of PAGE_PATHS) {
      app.get(url, { config: { rateLimitTier: 'exempt' } }, async () => {
        throw new ApiError('UNAVAILABLE', 'The web pages are not built: run "pnpm build".');
      });
    }
    return;
  }
  for (const file of manifest.files) {
    app.get(file.url, { config: { rateLimitTier: 'exempt' } }, async (request, reply) =>
      serve(file, request, reply),
    );
  }
};
