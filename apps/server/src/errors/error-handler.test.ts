import { Writable } from 'node:stream';
import { ERROR_REGISTRY, type ErrorCode } from '@temp-contents/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { sendErrorEnvelope } from './error-envelope.js';
import { registerErrorHandling } from './error-handler.js';

const CODES = Object.keys(ERROR_REGISTRY) as ErrorCode[];

let app: FastifyInstance;
let logLines: Record<string, unknown>[];

beforeEach(async () => {
  logLines = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      callback();
    },
  });
  app = Fastify({ logger: { level: 'info', stream }, bodyLimit: 16 });
  registerErrorHandling(app);
  app.get<{ Params: { code: ErrorCode } }>('/throw/:code', async (request) => {
    throw new ApiError(request.params.code, `detail of ${request.params.code}`, { 'x-extra': '1' });
  });
  app.get<{ Params: { errno: string } }>('/disk/:errno', async (request) => {
    throw Object.assign(new Error(`write failed: ${request.params.errno}`), {
      code: request.params.errno,
    });
  });
  // Libraries wrap what they meet (a store's own error around the errno): the cause decides.
  app.get<{ Params: { errno: string } }>('/wrapped/:errno', async (request) => {
    const errno = Object.assign(new Error('write failed'), { code: request.params.errno });
    throw new Error('the store could not write', { cause: errno });
  });
  app.get('/crash', async () => {
    throw new Error('secret internals at /srv/app/db.ts:42');
  });
  app.post('/json', async (request) => request.body);
  app.get(
    '/validated',
    { schema: { querystring: { type: 'object', properties: { n: { type: 'integer' } } } } },
    async () => 'ok',
  );
  app.get('/hijacked', async (request, reply) => {
    reply.hijack();
    sendErrorEnvelope(
      reply.raw,
      new ApiError('UPLOAD_LOCKED', 'busy', { 'retry-after': '1' }),
      request.id,
      {
        'tus-resumable': '1.0.0',
      },
    );
  });
  await app.ready();
});

afterEach(async () => {
  await app.close();
});

function expectEnvelope(
  response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  code: ErrorCode,
) {
  expect(response.statusCode).toBe(ERROR_REGISTRY[code].status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = response.json() as { errors: { code: string; title: string }[]; traceId: string };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]).toMatchObject({ code, title: ERROR_REGISTRY[code].title });
  expect(body.traceId).toMatch(/^\S+$/);
  return body;
}

describe('error envelope for every registered code', () => {
  it.each(CODES)('%s', async (code) => {
    const response = await app.inject({ method: 'GET', url: `/throw/${code}` });
    const body = expectEnvelope(response, code);
    expect(body.errors[0]).toEqual({
      code,
      title: ERROR_REGISTRY[code].title,
      detail: `detail of ${code}`,
    });
    expect(response.headers['x-extra']).toBe('1');
  });
});

describe('errors raised by Fastify or the router', () => {
  it('unknown route -> 404 NOT_FOUND', async () => {
    expectEnvelope(await app.inject({ method: 'GET', url: '/nowhere' }), 'NOT_FOUND');
  });

  it('known path, other method -> 405 with Allow', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/throw/GONE' });
    expectEnvelope(response, 'METHOD_NOT_ALLOWED');
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  // Methods Fastify parses a body for (QUERY among them) must still answer with the route's
  // absence, not with a complaint about the missing Content-Type.
  it.each([
    { method: 'QUERY', url: '/throw/GONE', code: 'METHOD_NOT_ALLOWED' },
    { method: 'QUERY', url: '/nowhere', code: 'NOT_FOUND' },
    { method: 'PROPFIND', url: '/throw/GONE', code: 'METHOD_NOT_ALLOWED' },
    { method: 'PUT', url: '/throw/GONE', code: 'METHOD_NOT_ALLOWED' },
    { method: 'PATCH', url: '/nowhere', code: 'NOT_FOUND' },
  ] as const)('$method $url without a body -> $code', async ({ method, url, code }) => {
    const response = await app.inject({ method, url });
    expectEnvelope(response, code);
    if (code === 'METHOD_NOT_ALLOWED') expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('body over the limit -> 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/json',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ long: 'x'.repeat(100) }),
    });
    expectEnvelope(response, 'PAYLOAD_TOO_LARGE');
  });

  it('unparseable media type -> 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/json',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'x',
    });
    expectEnvelope(response, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('invalid JSON -> 400 INVALID_REQUEST', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/json',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expectEnvelope(response, 'INVALID_REQUEST');
  });

  it('schema validation -> 400 INVALID_REQUEST naming the parameter', async () => {
    const response = await app.inject({ method: 'GET', url: '/validated?n=abc' });
    const body = expectEnvelope(response, 'INVALID_REQUEST');
    expect(JSON.stringify(body)).toContain('n');
  });

  it('unexpected error -> 500 INTERNAL without leaking the message; stack logged with traceId', async () => {
    const response = await app.inject({ method: 'GET', url: '/crash' });
    const body = expectEnvelope(response, 'INTERNAL');
    expect(response.body).not.toContain('secret internals');
    const line = logLines.find((l) => l.msg === 'request failed');
    expect(line?.reqId ?? line?.traceId).toBe(body.traceId);
    expect(JSON.stringify(line)).toContain('secret internals');
  });

  it.each([
    ['ENOSPC', 'INSUFFICIENT_STORAGE'],
    ['EDQUOT', 'INSUFFICIENT_STORAGE'],
    ['SQLITE_FULL', 'INSUFFICIENT_STORAGE'],
    ['EIO', 'INTERNAL'],
    ['ECONNREFUSED', 'UNAVAILABLE'],
  ] as const)('a storage error %s -> %s, raised as it is or wrapped', async (errno, code) => {
    for (const url of [`/disk/${errno}`, `/wrapped/${errno}`]) {
      const response = await app.inject({ method: 'GET', url });
      expectEnvelope(response, code);
      expect(response.body).not.toContain('write failed');
    }
  });

  it('sendErrorEnvelope writes the envelope on a hijacked raw response', async () => {
    const response = await app.inject({ method: 'GET', url: '/hijacked' });
    expectEnvelope(response, 'UPLOAD_LOCKED');
    expect(response.headers['retry-after']).toBe('1');
    expect(response.headers['tus-resumable']).toBe('1.0.0');
  });
});
