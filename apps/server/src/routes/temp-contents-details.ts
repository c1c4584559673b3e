import { API_PATHS } from '@temp-contents/contract';
import type { FastifyPluginAsync } from 'fastify';
import { toDetailResponse } from '../contents/detail-response.js';
import { isComplete } from '../storage/content-record.js';
import { requirePrincipal } from './require-principal.js';
import type { RouteOptions } from './temp-contents-post.js';

/** `TempContentsDetails`: the DetailResponse of a complete content; 204 incomplete, 404, 410. */
export const tempContentsDetailsRoute: FastifyPluginAsync<RouteOptions> = async (
  app,
  { service },
) => {
  app.get<{ Params: { id: string } }>(API_PATHS.details.replace('{id}', ':id'), {
    config: { rateLimitTier: '1' },
    handler: async (request, reply) => {
      const record = await service.lookup(requirePrincipal(request), request.params.id);
      if (!isComplete(record)) {
        await service.assertCanComplete(record);
        return reply.code(204).send();
      }
      return reply.header('cache-control', 'private').send(toDetailResponse(record));
    },
  });
};
