import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/server-config.js';
import { registerErrorHandling } from '../errors/error-handler.js';
import { authPlugin } from './auth-plugin.js';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long';
const secretKey = new TextEncoder().encode(SECRET);

async function hs256(
  claims: Record<string, unknown>,
  options: { expiresIn?: string | null; secret?: Uint8Array } = {},
) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (options.expiresIn !== null) jwt = jwt.setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(options.secret ?? secretKey);
}

async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandling(app);
  await app.register(authPlugin, { auth: loadConfig(env).auth });
  app.get('/who', async (request) => request.principal);
  app.options('/who', async () => 'options');
  await app.ready();
  return app;
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function call(
  env: Record<string, string>,
  authorization?: string,
  method: 'GET' | 'OPTIONS' = 'GET',
) {
  const app = await appWith(env);
  apps.push(app);
  return app.inject({
    method,
    url: '/who',
    headers: authorization === undefined ? {} : { authorization },
  });
}

const STATIC = { TC_STATIC_TOKENS: 'good-token=acme:alice' };
const HS = { TC_JWT_SECRET: SECRET, TC_JWT_ISSUER: 'https://idp.test', TC_JWT_AUDIENCE: 'tc' };
const CHALLENGE = 'Bearer realm="temp-contents"';
const INVALID = 'Bearer realm="temp-contents", error="invalid_token"';

describe('static tokens', () => {
  it.each([
    ['Bearer good-token', 200, undefined],
    ['bearer good-token', 200, undefined],
    ['Bearer   good-token  ', 200, undefined],
    [undefined, 401, CHALLENGE],
    ['Basic Z29vZC10b2tlbjo=', 401, CHALLENGE],
    ['good-token', 401, CHALLENGE],
    ['Bearer', 401, INVALID],
    ['Bearer bad-token', 401, INVALID],
    ['Bearer good-token extra', 401, INVALID],
    ['Bearer good-tokenX', 401, INVALID],
  ])('Authorization %j -> %i', async (authorization, status, challenge) => {
    const response = await call(STATIC, authorization);
    expect(response.statusCode).toBe(status);
    expect(response.headers['www-authenticate']).toBe(challenge);
    if (status === 200) expect(response.json()).toEqual({ tenant: 'acme', subject: 'alice' });
    else expect(response.json().errors[0].code).toBe('UNAUTHORIZED');
  });

  it('lets OPTIONS through without a token (CORS preflight, tus discovery)', async () => {
    const response = await call(STATIC, undefined, 'OPTIONS');
    expect(response.statusCode).toBe(200);
  });
});

describe('JWT HS256', () => {
  const good = { tenant: 'acme', sub: 'alice', iss: 'https://idp.test', aud: 'tc' };

  it('maps tenant and subject claims to the principal', async () => {
    const response = await call(HS, `Bearer ${await hs256(good)}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ tenant: 'acme', subject: 'alice' });
  });

  it('reads configurable claim names', async () => {
    const env = { ...HS, TC_JWT_TENANT_CLAIM: 'org', TC_JWT_SUBJECT_CLAIM: 'email' };
    const token = await hs256({ ...good, org: 'globex', email: 'c@globex' });
    expect((await call(env, `Bearer ${token}`)).json()).toEqual({
      tenant: 'globex',
      subject: 'c@globex',
    });
  });

  it('accepts a token without exp only with TC_JWT_ALLOW_NO_EXP=true', async () => {
    const forever = `Bearer ${await hs256(good, { expiresIn: null })}`;
    expect((await call(HS, forever)).statusCode).toBe(401);
    expect((await call({ ...HS, TC_JWT_ALLOW_NO_EXP: 'true' }, forever)).statusCode).toBe(200);
  });

  it('accepts static tokens next to JWT', async () => {
    expect((await call({ ...HS, ...STATIC }, 'Bearer good-token')).statusCode).toBe(200);
  });

  it.each([
    ['missing tenant claim', async () => hs256({ ...good, tenant: undefined })],
    ['empty tenant claim', async () => hs256({ ...good, tenant: '' })],
    ['numeric tenant claim', async () => hs256({ ...good, tenant: 42 })],
    ['missing subject', async () => hs256({ ...good, sub: undefined })],
    ['wrong issuer', async () => hs256({ ...good, iss: 'https://evil' })],
    ['wrong audience', async () => hs256({ ...good, aud: 'other' })],
    ['expired', async () => hs256(good, { expiresIn: '-1m' })],
    ['without exp', async () => hs256(good, { expiresIn: null })],
    ['other secret', async () => hs256(good, { secret: new TextEncoder().encode('x'.repeat(40)) })],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(good)).toString('base64url')}.`,
    ],
    ['garbage', async () => 'not.a.jwt'],
  ])('rejects %s with 401 invalid_token', async (_name, token) => {
    const response = await call(HS, `Bearer ${await token()}`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(INVALID);
  });
});

describe('JWT from a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies a token signed by a key of the set', async () => {
    const response = await call(
      { TC_JWKS_URL: jwksUrl },
      `Bearer ${await sign({ tenant: 'acme', sub: 'svc' })}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ tenant: 'acme', subject: 'svc' });
  });

  it('refuses an HS256 token even if signed with something public', async () => {
    const token = await hs256({ tenant: 'acme', sub: 'x' });
    expect((await call({ TC_JWKS_URL: jwksUrl }, `Bearer ${token}`)).statusCode).toBe(401);
  });

  it('answers 503 (not 401) when the key set cannot be fetched', async () => {
    const token = await sign({ tenant: 'acme', sub: 'svc' });
    const response = await call({ TC_JWKS_URL: 'http://127.0.0.1:9/jwks.json' }, `Bearer ${token}`);
    expect(response.statusCode).toBe(503);
    expect(response.json().errors[0].code).toBe('UNAVAILABLE');
  });
});
