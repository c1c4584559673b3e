import { API_PATHS, type RateLimitTier } from '@temp-contents/contract';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RateLimitConfig } from '../config/server-config.js';
import { ApiError } from '../errors/api-error.js';
import { MemoryCounterStore, type RateLimitCounterStore } from './counter-store.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The operation's `x-rate-limit` tier in the spec; `exempt` for probes. */
    rateLimitTier?: RateLimitTier | 'exempt';
  }
}

export interface RateLimitPluginOptions {
  rateLimit: RateLimitConfig;
  counters?: RateLimitCounterStore;
  now?: () => number;
  /** Told of each request refused with 429 (the app's metrics). */
  onRejected?: ((tier: RateLimitTier) => void) | undefined;
}

/**
 * Per tenant+subject fixed-window limits by tier, as upstream: tier 1 (reads) 1000/min, tier 2
 * (plain upload) 100/min, tus routes `special` 800/min. Registered after auth in the API scope,
 * so it sees `request.principal`; tus routes are recognised by path, so the tus plugin needs no
 * code of its own. Headers go on the raw response so they survive hijacked (tus) replies.
 */
const rateLimitPluginImpl: FastifyPluginAsync<RateLimitPluginOptions> = async (app, options) => {
  const { rateLimit } = options;
  if (!rateLimit.enabled) return;
  const counters = options.counters ?? new MemoryCounterStore();
  const now = options.now ?? Date.now;

  app.addHook('onRequest', async (request, reply) => {
    const tier = tierOf(request);
    if (tier === 'exempt' || request.principal === undefined) return;
    const limit = rateLimit.limits[tier];
    const { tenant, subject } = request.principal;
    const at = now();
    const { count, resetAt } = await counters.hit(
      JSON.stringify([tier, tenant, subject]),
      rateLimit.windowMs,
      at,
    );
    const resetSeconds = String(Math.max(1, Math.ceil((resetAt - at) / 1000)));
    const headers = {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - count)),
      'ratelimit-reset': resetSeconds,
    };
    for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value);
    if (count > limit) {
      options.onRejected?.(tier);
      throw new ApiError(
        'RATE_LIMITED',
        `More than ${limit} requests in this window for tier ${tier}; retry in ${resetSeconds} s.`,
        { ...headers, 'retry-after': resetSeconds },
      );
    }
  });
};

function tierOf(request: FastifyRequest): RateLimitTier | 'exempt' {
  const configured = request.routeOptions.config.rateLimitTier;
  if (configured !== undefined) return configured;
  const url = request.routeOptions.url ?? '';
  if (url === API_PATHS.tusFiles || url.startsWith(`${API_PATHS.tusFiles}/`)) return 'special';
  // Unknown routes (404/405) cost nothing; every API route declares its tier.
  return request.routeOptions.url === undefined ? 'exempt' : '1';
}

export const rateLimitPlugin = fp(rateLimitPluginImpl, {
  name: 'temp-contents-rate-limit',
  fastify: '5.x',
});
