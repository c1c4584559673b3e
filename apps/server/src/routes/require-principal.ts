import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors/api-error.js';

/** The authenticated caller; API routes run behind the auth plugin, so this only guards bugs. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new ApiError('UNAUTHORIZED');
  return request.principal;
}
