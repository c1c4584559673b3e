import { API_PATHS } from '@temp-contents/contract';
import type { FastifyPluginAsync } from 'fastify';
import type { ContentService } from '../contents/content-service.js';
import { ApiError } from '../errors/api-error.js';

export interface HealthRouteOptions {
  service: ContentService;
  /** True once shutdown began: the instance should leave the load balancer's pool. */
  isClosing: () => boolean;
}

/** `getHealth` (process alive) and `getReady` (storage answers, not shutting down); no token. */
export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = async (
  app,
  { service, isClosing },
) => {
  app.get(API_PATHS.health, { config: { rateLimitTier: 'exempt' } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  app.get(API_PATHS.ready, { config: { rateLimitTier: 'exempt' } }, async (_request, reply) => {
    if (isClosing()) throw new ApiError('UNAVAILABLE', 'The server is shutting down.');
    if (!(await service.isReady())) throw new ApiError('UNAVAILABLE', 'Storage is not reachable.');
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
};
