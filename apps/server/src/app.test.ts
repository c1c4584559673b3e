import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentStore } from './storage/content-store.js';
import { bearer, createTestApp, type TestApp, TOKENS } from './test-support/test-app.js';

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      callback();
    },
  });
  return { stream, lines, raw };
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('request logging', () => {
  it('logs one JSON line per request with traceId, method, route, status, bytes, duration; never the token', async () => {
    const logs = captureLogs();
    t = await createTestApp({ env: { TC_LOG_LEVEL: 'info' }, deps: { logStream: logs.stream } });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/temp-contents?filename=a.txt',
      headers: bearer(TOKENS.alice),
      payload: 'hello',
    });
    const missing = await t.app.inject({
      url: '/api/v1/temp-contents/ffffffffffffffffffffffffffffffff',
      headers: bearer(TOKENS.alice),
    });
    await t.app.inject({ url: '/health', headers: { authorization: 'Bearer leaked-if-logged' } });

    const completed = logs.lines.filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(3);
    expect(completed[0]).toMatchObject({
      method: 'POST',
      route: '/api/v1/temp-contents',
      status: 201,
      reqBytes: 5,
      tenant: 'acme',
    });
    expect(typeof completed[0]?.durationMs).toBe('number');
    expect(completed[0]?.resBytes).toBe(Number(created.headers['content-length']));
    expect(completed[1]).toMatchObject({ status: 404, traceId: missing.json().traceId });
    const all = logs.raw.join('\n');
    for (const secret of [TOKENS.alice, 'leaked-if-logged']) expect(all).not.toContain(secret);
  });
});

describe('CORS', () => {
  it('is off without TC_CORS_ORIGINS', async () => {
    t = await createTestApp();
    const response = await t.app.inject({
      url: '/health',
      headers: { origin: 'https://app.example' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers preflights without a token and exposes the download and tus headers', async () => {
    t = await createTestApp({ env: { TC_CORS_ORIGINS: 'https://app.example' } });
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/temp-contents',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/temp-contents',
      headers: { ...bearer(TOKENS.alice), origin: 'https://app.example' },
      payload: 'x',
    });
    const exposed = String(created.headers['access-control-expose-headers']).split(/,\s*/);
    for (const header of [
      'Location',
      'Content-Disposition',
      'Content-Range',
      'Accept-Ranges',
      'ETag',
      'Upload-Offset',
      'Tus-Resumable',
      'Retry-After',
    ]) {
      expect(exposed).toContain(header);
    }
    const other = await t.app.inject({
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('readiness and shutdown', () => {
  it('/ready answers 503 UNAVAILABLE when the store is not ready; /health stays 200', async () => {
    let ready = true;
    t = await createTestApp();
    const store = t.app.contentStore;
    const flaky: ContentStore = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'isReady') return async () => ready;
        return Reflect.get(target, key, receiver);
      },
    });
    await t.close();
    t = await createTestApp({ deps: { store: flaky } });
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);
    ready = false;
    const response = await t.app.inject({ url: '/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json().errors[0].code).toBe('UNAVAILABLE');
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('lets an in-flight request finish during close, then closes the store', async () => {
    t = await createTestApp();
    const base = await t.listen();
    // An earlier request leaves an idle keep-alive connection, which close() must not wait for.
    const first = await fetch(`${base}/api/v1/temp-contents`, {
      method: 'POST',
      headers: bearer(TOKENS.alice),
      body: 'x'.repeat(10),
    });
    expect(first.status).toBe(201);
    await first.arrayBuffer();
    // A slow upload in flight while close() starts.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const upload = fetch(`${base}/api/v1/temp-contents`, {
      method: 'POST',
      headers: bearer(TOKENS.alice),
      body: (async function* () {
        yield Buffer.from('first half;');
        await gate;
        yield Buffer.from('second half');
      })() as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    // Wait until the server holds the upload's record (the request is in flight).
    const store = t.app.contentStore;
    const farFuture = new Date(8.64e15);
    while ((await store.listExpired(farFuture, 10)).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const closing = t.app.close();
    release();
    const response = await upload;
    expect(response.status).toBe(201);
    expect((await response.json()).Size).toBe('22');
    await closing;
    expect(await t.app.contentStore.isReady()).toBe(false);
  });
});

describe('URLs the router rejects or does not know: the envelope, never a bare answer', () => {
  const ID = '0123456789abcdef0123456789abcdef';
  it.each([
    [
      'an id over 100 characters',
      'GET',
      `/api/v1/temp-contents/${'a'.repeat(150)}`,
      404,
      'NOT_FOUND',
    ],
    [
      'a tus id over 100 characters',
      'HEAD',
      `/api/v1/temp-contents/files/${'b'.repeat(150)}`,
      404,
      'NOT_FOUND',
    ],
    ['a malformed percent-escape', 'GET', '/api/v1/temp-contents/%ZZ', 400, 'INVALID_REQUEST'],
    [
      'a malformed escape on a tus URL',
      'PATCH',
      '/api/v1/temp-contents/files/%ZZ',
      400,
      'INVALID_REQUEST',
    ],
    // With a trailing slash it is no known resource: not a 405 whose Allow lists GET itself.
    ['a trailing slash after an id', 'GET', `/api/v1/temp-contents/${ID}/`, 404, 'NOT_FOUND'],
  ] as const)('%s: %s %s -> %i %s', async (_name, method, url, status, code) => {
    t = await createTestApp();
    const response = await t.app.inject({ method, url, headers: bearer(TOKENS.alice) });
    expect(response.statusCode).toBe(status);
    expect(response.headers.allow).toBeUndefined();
    if (url.includes('/files/')) expect(response.headers['tus-resumable']).toBe('1.0.0');
    if (method === 'HEAD') return;
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    expect(body.errors[0].code).toBe(code);
    expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
