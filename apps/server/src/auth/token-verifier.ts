import { createHash } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { AuthConfig, JwtConfig } from '../config/server-config.js';
import type { Principal } from './principal.js';

/** A bearer token was presented but does not identify a principal (-> 401 invalid_token). */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** The key source could not be reached, so the token cannot be judged (-> 503, not 401). */
export class VerifierUnavailableError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'VerifierUnavailableError';
  }
}

export type TokenVerifier = (token: string) => Promise<Principal>;

/** Asymmetric algorithms only for JWKS, so an HS256 token can never be checked with a public key. */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

const KEY_SOURCE_FAILURES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

/**
 * Static tokens first (exact match), then JWT when configured. Static tokens are looked up by
 * their SHA-256 so lookups do not compare secrets byte by byte.
 */
export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const staticByHash = new Map<string, Principal>();
  for (const [token, principal] of auth.staticTokens) staticByHash.set(sha256(token), principal);
  const verifyJwt = auth.jwt === undefined ? undefined : createJwtVerifier(auth.jwt);

  return async (token) => {
    const principal = staticByHash.get(sha256(token));
    if (principal !== undefined) return principal;
    if (verifyJwt === undefined) throw new InvalidTokenError('unknown token');
    return verifyJwt(token);
  };
}

function createJwtVerifier(jwt: JwtConfig): TokenVerifier {
  const options = {
    ...(jwt.issuer === undefined ? {} : { issuer: jwt.issuer }),
    ...(jwt.audience === undefined ? {} : { audience: jwt.audience }),
    // A token without `exp` would be valid forever once leaked; refused unless allowed.
    ...(jwt.allowNoExp ? {} : { requiredClaims: ['exp'] }),
  };
  const key = jwt.secret ?? createRemoteJWKSet(jwt.jwksUrl as URL);
  const algorithms = jwt.secret !== undefined ? ['HS256'] : JWKS_ALGORITHMS;

  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, { ...options, algorithms }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError && !KEY_SOURCE_FAILURES.has(error.code)) {
        throw new InvalidTokenError(error.code);
      }
      // Timeouts, fetch failures and broken key sets say nothing about the token itself.
      throw new VerifierUnavailableError('key set unavailable', { cause: error });
    }
    const tenant = payload[jwt.tenantClaim];
    const subject = payload[jwt.subjectClaim];
    if (typeof tenant !== 'string' || tenant === '') {
      throw new InvalidTokenError(`claim "${jwt.tenantClaim}" missing`);
    }
    if (typeof subject !== 'string' || subject === '') {
      throw new InvalidTokenError(`claim "${jwt.subjectClaim}" missing`);
    }
    return { tenant, subject };
  };
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
