import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthConfig } from '../config/server-config.js';
import { ApiError } from '../errors/api-error.js';
import { type RateLimitCounterStore, windowEnd } from '../rate-limit/counter-store.js';
import { bearerToken } from './bearer-token.js';
import {
  createTokenVerifier,
  InvalidTokenError,
  type TokenVerifier,
  VerifierUnavailableError,
} from './token-verifier.js';

export interface AuthPluginOptions {
  auth: AuthConfig;
  /**
   * Refuses (429) a client address that presented more than `limit` invalid tokens in the
   * current window, before its next token is even checked, so tokens cannot be guessed at speed.
   */
  failedAuth?: {
    counters: RateLimitCounterStore;
    limit: number;
    windowMs: number;
    /** Epoch milliseconds; the app's clock. */
    now?: () => number;
    /** Told of each request refused with 429 (the app's metrics). */
    onRejected?: () => void;
  };
}

export const AUTH_REALM = 'temp-contents';

/**
 * Authenticates every request of the scope it is registered in (the API routes, tus included;
 * /health and /ready live outside it). OPTIONS is exempt: CORS preflights carry no credentials
 * and tus discovery (`optionsTus`) needs no token. Sets `request.principal`.
 */
const authPluginImpl: FastifyPluginAsync<AuthPluginOptions> = async (app, options) => {
  const verify = createTokenVerifier(options.auth);
  const { failedAuth } = options;
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS') return;
    if (failedAuth === undefined) {
      request.principal = await authenticate(request, verify);
      return;
    }
    const key = `auth-failures:${request.ip}`;
    const { counters, limit, windowMs } = failedAuth;
    const now = (failedAuth.now ?? Date.now)();
    if (request.headers.authorization !== undefined) {
      const failures = await counters.peek(key, windowMs, now);
      if (failures >= limit) {
        failedAuth.onRejected?.();
        const retryAfter = String(Math.max(1, Math.ceil((windowEnd(windowMs, now) - now) / 1000)));
        throw new ApiError(
          'RATE_LIMITED',
          `More than ${limit} invalid tokens from this address; retry in ${retryAfter} s.`,
          { 'retry-after': retryAfter },
        );
      }
    }
    try {
      request.principal = await authenticate(request, verify);
    } catch (error) {
      const invalidToken =
        error instanceof ApiError &&
        error.code === 'UNAUTHORIZED' &&
        request.headers.authorization !== undefined;
      if (invalidToken) await counters.hit(key, windowMs, now);
      throw error;
    }
  });
};

export const authPlugin = fp(authPluginImpl, { name: 'temp-contents-auth', fastify: '5.x' });

async function authenticate(request: FastifyRequest, verify: TokenVerifier) {
  const token = bearerToken(request.headers.authorization);
  // RFC 6750 §3.1: without any authentication information the challenge SHOULD NOT carry an
  // error code; with a token that fails it is `invalid_token`.
  if (token === undefined) {
    throw unauthorized('A bearer token is required.', `Bearer realm="${AUTH_REALM}"`);
  }
  // Built only when needed: an error captures a stack trace, which costs on every request.
  const invalid = () =>
    unauthorized(
      'The bearer token is invalid or expired.',
      `Bearer realm="${AUTH_REALM}", error="invalid_token"`,
    );
  if (token === '') throw invalid();
  try {
    return await verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      request.log.info({ reason: error.message }, 'bearer token rejected');
      throw invalid();
    }
    if (error instanceof VerifierUnavailableError) {
      request.log.error({ err: error.cause }, 'token keys unavailable');
      throw new ApiError('UNAVAILABLE', 'Token keys cannot be fetched right now.', {
        'retry-after': '5',
      });
    }
    throw error;
  }
}

function unauthorized(detail: string, challenge: string): ApiError {
  return new ApiError('UNAUTHORIZED', detail, { 'www-authenticate': challenge });
}
