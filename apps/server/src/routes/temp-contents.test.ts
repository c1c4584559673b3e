import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_REGISTRY, type ErrorCode } from '@temp-contents/contract';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentRecord } from '../storage/content-record.js';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

const BASE = '/api/v1/temp-contents';

function expectError(response: LightMyRequestResponse, code: ErrorCode, method = 'GET') {
  expect(response.statusCode).toBe(ERROR_REGISTRY[code].status);
  if (method === 'HEAD') {
    expect(response.body).toBe('');
    return;
  }
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(body.errors[0]).toMatchObject({ code, title: ERROR_REGISTRY[code].title });
  expect(typeof body.traceId).toBe('string');
}

async function upload(
  t: TestApp,
  payload: string | Buffer,
  query = '',
  headers: Record<string, string> = {},
  token: string = TOKENS.alice,
) {
  return t.app.inject({
    method: 'POST',
    url: `${BASE}${query}`,
    headers: { ...bearer(token), 'content-type': 'application/octet-stream', ...headers },
    payload,
  });
}

async function filesIn(t: TestApp): Promise<string[]> {
  return readdir(path.join(t.dataDir, 'files'));
}

describe('TempContentsPost', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { TC_MAX_UPLOAD_BYTES: '1000' } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('stores the body and answers 201 with a relative Location and the details', async () => {
    const response = await upload(t, 'hello world', '?filename=hello.txt&ttl=600');
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(response.headers.location).toBe(`${BASE}/${body.ID}`);
    expect(body.ID).toMatch(/^[0-9a-f]{32}$/);
    expect(body).toMatchObject({
      Name: 'hello.txt',
      Size: '11',
      CreatorID: 'alice',
      TTLSeconds: 600,
    });
    expect(Date.parse(body.Expires) - Date.parse(body.CreatedAt)).toBe(600_000);
    for (const field of ['Expires', 'CreatedAt', 'UpdatedAt']) {
      expect(body[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });

  it('defaults ttl to 3600 and Name to empty', async () => {
    const body = (await upload(t, 'x')).json();
    expect(body).toMatchObject({ Name: '', TTLSeconds: 3600, Size: '1' });
  });

  it.each([
    ['application/json', '{"not": "parsed"'],
    ['application/x-www-form-urlencoded', 'a=1&b=2'],
    ['text/plain; charset=latin1', 'caf\u00e9'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\nbody\r\n--x--'],
    ['not a media type', 'raw'],
  ])('stores a %s body byte for byte', async (contentType, payload) => {
    const response = await upload(t, payload, '', { 'content-type': contentType });
    expect(response.statusCode).toBe(201);
    const download = await t.app.inject({
      url: response.headers.location as string,
      headers: bearer(TOKENS.alice),
    });
    expect(download.rawPayload.equals(Buffer.from(payload))).toBe(true);
  });

  it('stores a body sent without any Content-Type', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: BASE,
      headers: bearer(TOKENS.alice),
      payload: Buffer.from([0, 1, 2, 255]),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().Size).toBe('4');
  });

  it('accepts a zero-byte body', async () => {
    const response = await upload(t, '');
    expect(response.statusCode).toBe(201);
    expect(response.json().Size).toBe('0');
    const download = await t.app.inject({
      url: response.headers.location as string,
      headers: bearer(TOKENS.alice),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-length']).toBe('0');
    expect(download.body).toBe('');
  });

  it.each([
    ['ttl=0', 'INVALID_TTL'],
    ['ttl=259201', 'INVALID_TTL'],
    ['ttl=abc', 'INVALID_TTL'],
    ['ttl=1.5', 'INVALID_TTL'],
    ['ttl=', 'INVALID_TTL'],
    ['ttl=1&ttl=2', 'INVALID_TTL'],
    ['filename=a%2Fb', 'INVALID_FILENAME'],
    ['filename=a%5Cb', 'INVALID_FILENAME'],
    ['filename=a%00b', 'INVALID_FILENAME'],
    ['filename=a%0Ab', 'INVALID_FILENAME'],
    ['filename=a%7Fb', 'INVALID_FILENAME'],
    [`filename=${'a'.repeat(256)}`, 'INVALID_FILENAME'],
    [`filename=${'%C3%A9'.repeat(128)}`, 'INVALID_FILENAME'],
  ] as const)('?%s -> 400 %s, nothing stored', async (query, code) => {
    expectError(await upload(t, 'data', `?${query}`), code, 'POST');
    expect(await filesIn(t)).toEqual([]);
  });

  it('treats an empty filename as none (clients that pass an empty string send filename=)', async () => {
    const response = await upload(t, 'data', '?filename=');
    expect(response.statusCode).toBe(201);
    expect(response.json().Name).toBe('');
  });

  it('413 from Content-Length before reading, nothing stored', async () => {
    const response = await upload(t, Buffer.alloc(1001));
    expectError(response, 'PAYLOAD_TOO_LARGE', 'POST');
    expect(response.headers.connection).toBe('close');
    expect(await filesIn(t)).toEqual([]);
  });

  it('413 for a chunked body that grows past the limit while streaming, nothing stored', async () => {
    const { Readable } = await import('node:stream');
    const response = await t.app.inject({
      method: 'POST',
      url: BASE,
      headers: { ...bearer(TOKENS.alice), 'transfer-encoding': 'chunked' },
      payload: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]),
    });
    expectError(response, 'PAYLOAD_TOO_LARGE', 'POST');
    expect(response.json().errors[0].detail).toContain('1000');
    expect(await filesIn(t)).toEqual([]);
    expect(await t.app.contentStore.listExpired(new Date(8.64e15), 10)).toEqual([]);
  });

  it('accepts exactly the maximum', async () => {
    expect((await upload(t, Buffer.alloc(1000))).statusCode).toBe(201);
  });
});

describe('TempContentsPost over a real socket', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeEach(async () => {
    t = await createTestApp({ env: { TC_MAX_UPLOAD_BYTES: String(64 * 1024) } });
    baseUrl = await t.listen();
  });
  afterEach(async () => {
    await t.close();
  });

  it('413 for a chunked body that grows past the limit; nothing left on disk', async () => {
    async function* chunks() {
      for (let i = 0; i < 100; i++) yield randomBytes(1024);
    }
    let sawResponse = false;
    const response = await fetch(`${baseUrl}${BASE}`, {
      method: 'POST',
      headers: bearer(TOKENS.alice),
      // undici takes an async iterable as a streamed (chunked) body.
      body: chunks() as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error);
    // The server answers 413 before the client finished sending, then closes the connection.
    if (response instanceof Response) {
      sawResponse = true;
      expect(response.status).toBe(413);
      expect((await response.json()).errors[0].code).toBe('PAYLOAD_TOO_LARGE');
    }
    // A server that stops reading and closes may make the client see a reset before the 413
    // (the TCP race every HTTP server has); the in-process test above pins the 413 itself.
    if (!sawResponse) expect(String(response)).toMatch(/fetch failed|socket|reset|closed/i);
    await expectEventuallyEmpty(t);
  });

  it('a chunked body within the limit is stored with its real size', async () => {
    const data = randomBytes(50_000);
    const response = await fetch(`${baseUrl}${BASE}?filename=c.bin`, {
      method: 'POST',
      headers: bearer(TOKENS.alice),
      body: (async function* () {
        yield data.subarray(0, 20_000);
        yield data.subarray(20_000);
      })() as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(201);
    const { ID, Size } = await response.json();
    expect(Size).toBe('50000');
    const download = await fetch(`${baseUrl}${BASE}/${ID}`, { headers: bearer(TOKENS.alice) });
    expect(Buffer.from(await download.arrayBuffer()).equals(data)).toBe(true);
  });

  it('a client that aborts mid-body leaves nothing stored', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${baseUrl}${BASE}`);
    let started = false;
    await new Promise<void>((resolve) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...bearer(TOKENS.alice), 'content-length': '60000' },
      });
      req.on('error', () => resolve());
      req.write(randomBytes(20_000), async () => {
        // Wait until the server has started storing the body, then vanish.
        for (let i = 0; i < 200 && (await filesIn(t)).length === 0; i++) {
          await new Promise((r) => setTimeout(r, 10));
        }
        started = (await filesIn(t)).length > 0;
        req.destroy();
        resolve();
      });
    });
    expect(started).toBe(true);
    await expectEventuallyEmpty(t);
  });
});

async function expectEventuallyEmpty(t: TestApp) {
  // Cleanup runs after the socket closes; poll a bounded number of times (not a timed assertion).
  for (let i = 0; i < 100; i++) {
    if (
      (await filesIn(t)).length === 0 &&
      (await t.app.contentStore.listExpired(new Date(8.64e15), 10)).length === 0
    ) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await filesIn(t)).toEqual([]);
  expect(await t.app.contentStore.listExpired(new Date(8.64e15), 10)).toEqual([]);
}

describe('TempContentsGet / TempContentsHead / TempContentsDetails', () => {
  let t: TestApp;
  let now: Date;
  const data = Buffer.from('0123456789');
  let id: string;

  beforeEach(async () => {
    now = new Date(Date.UTC(2030, 5, 1, 8, 0, 0));
    t = await createTestApp({ deps: { clock: () => now } });
    id = (await upload(t, data, '?filename=r%C3%A9sum%C3%A9%20%22v2%22.pdf&ttl=60')).json().ID;
  });
  afterEach(async () => {
    await t.close();
  });

  const get = (
    headers: Record<string, string> = {},
    url = `${BASE}/${id}`,
    method: 'GET' | 'HEAD' = 'GET',
  ) => t.app.inject({ method, url, headers: { ...bearer(TOKENS.alice), ...headers } });

  it('200 with the download headers', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(data)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-length': '10',
      'content-type': 'application/pdf',
      'accept-ranges': 'bytes',
      etag: `"${id}-10"`,
      'last-modified': 'Sat, 01 Jun 2030 08:00:00 GMT',
      'content-disposition': `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.pdf; filename="resume _v2_.pdf"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private',
    });
  });

  it.each([
    ['1', 'inline'],
    ['true', 'inline'],
    ['0', 'attachment'],
    ['false', 'attachment'],
    // Clients that pass an empty string send `inline=`: the same as no value.
    ['', 'attachment'],
  ])('inline=%s -> %s', async (inline, type) => {
    const response = await get({}, `${BASE}/${id}?inline=${inline}`);
    expect(response.headers['content-disposition']).toMatch(new RegExp(`^${type}; filename\\*?=`));
  });

  it('inline=yes -> 400 INVALID_REQUEST', async () => {
    expectError(await get({}, `${BASE}/${id}?inline=yes`), 'INVALID_REQUEST');
  });

  it.each([
    ['bytes=2-4', 206, '234', 'bytes 2-4/10'],
    ['bytes=7-', 206, '789', 'bytes 7-9/10'],
    ['bytes=-2', 206, '89', 'bytes 8-9/10'],
    ['bytes=5-100', 206, '56789', 'bytes 5-9/10'],
    ['bytes=0-1,4-5', 200, '0123456789', undefined],
    ['bytes=x-y', 200, '0123456789', undefined],
    ['lines=1-2', 200, '0123456789', undefined],
  ])('Range %s -> %i', async (range, status, body, contentRange) => {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await get({ range }, undefined, method);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-range']).toBe(contentRange);
      expect(response.headers['content-length']).toBe(String(body.length));
      expect(response.body).toBe(method === 'GET' ? body : '');
    }
  });

  it('416 with Content-Range: bytes */size and the envelope', async () => {
    const response = await get({ range: 'bytes=10-' });
    expectError(response, 'RANGE_NOT_SATISFIABLE');
    expect(response.headers['content-range']).toBe('bytes */10');
    const head = await get({ range: 'bytes=10-' }, undefined, 'HEAD');
    expect(head.statusCode).toBe(416);
    expect(head.headers['content-range']).toBe('bytes */10');
  });

  it.each([
    ['the current ETag', (etag: string) => etag, 206],
    ['a stale ETag', () => '"stale"', 200],
    ['the Last-Modified date', () => 'Sat, 01 Jun 2030 08:00:00 GMT', 206],
    ['another date', () => 'Sat, 01 Jun 2030 07:00:00 GMT', 200],
  ])('If-Range with %s', async (_name, ifRange, status) => {
    const etag = (await get()).headers.etag as string;
    expect((await get({ range: 'bytes=0-0', 'if-range': ifRange(etag) })).statusCode).toBe(status);
  });

  it('details: 200 with every field', async () => {
    const response = await get({}, `${BASE}/${id}/details`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ID: id,
      Name: 'résumé "v2".pdf',
      Size: '10',
      Expires: '2030-06-01T08:01:00.000Z',
      CreatedAt: '2030-06-01T08:00:00.000Z',
      CreatorID: 'alice',
      UpdatedAt: '2030-06-01T08:00:00.000Z',
      TTLSeconds: 60,
    });
  });

  it('204 on GET, HEAD and details while the content is incomplete', async () => {
    const record: ContentRecord = {
      id: 'ab'.repeat(16),
      tenant: 'acme',
      creatorId: 'alice',
      name: '',
      contentType: 'application/octet-stream',
      size: 100,
      offset: 40,
      ttlSeconds: 60,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    };
    await t.app.contentStore.insert(record);
    for (const [method, url] of [
      ['GET', `${BASE}/${record.id}`],
      ['HEAD', `${BASE}/${record.id}`],
      ['GET', `${BASE}/${record.id}/details`],
    ] as const) {
      const response = await get({}, url, method);
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
    }
  });

  it.each([
    ['unknown id', '0'.repeat(32)],
    ['malformed id', 'not-an-id'],
    ['path-like id', '..%2F..%2Fetc%2Fpasswd'],
  ])('404 for an %s on GET, HEAD and details', async (_name, badId) => {
    expectError(await get({}, `${BASE}/${badId}`), 'NOT_FOUND');
    expectError(await get({}, `${BASE}/${badId}`, 'HEAD'), 'NOT_FOUND', 'HEAD');
    expectError(await get({}, `${BASE}/${badId}/details`), 'NOT_FOUND');
  });

  it('expiry end to end (ttl=1): 410 everywhere, then bytes gone after a sweep and 404', async () => {
    const short = (await upload(t, 'short-lived', '?ttl=1')).json().ID as string;
    expect(await filesIn(t)).toContain(short);
    now = new Date(now.getTime() + 999);
    expect((await get({}, `${BASE}/${short}`)).statusCode).toBe(200);
    now = new Date(now.getTime() + 1);
    expectError(await get({}, `${BASE}/${short}`), 'GONE');
    expectError(await get({}, `${BASE}/${short}`, 'HEAD'), 'GONE', 'HEAD');
    expectError(await get({}, `${BASE}/${short}/details`), 'GONE');
    expect(await t.app.expirySweeper.sweepOnce()).toBe(1);
    expect(await filesIn(t)).not.toContain(short);
    expect(await filesIn(t)).not.toContain(`${short}.json`);
    // Purged: the spec says 404 from here on.
    expectError(await get({}, `${BASE}/${short}`), 'NOT_FOUND');
    expectError(await get({}, `${BASE}/${short}/details`), 'NOT_FOUND');
    // The other content (ttl=60) is untouched.
    expect((await get()).statusCode).toBe(200);
  });

  it('the sweeper removes only expired contents', async () => {
    expect(await t.app.expirySweeper.sweepOnce()).toBe(0);
    now = new Date(now.getTime() + 60_000);
    expect(await t.app.expirySweeper.sweepOnce()).toBe(1);
    expect(await filesIn(t)).toEqual([]);
  });
});

describe('auth matrix over every operation', () => {
  let t: TestApp;
  let id: string;
  beforeEach(async () => {
    t = await createTestApp();
    id = (await upload(t, 'secret', '?filename=s.txt')).json().ID;
  });
  afterEach(async () => {
    await t.close();
  });

  const operations = [
    ['TempContentsPost', 'POST', () => `${BASE}?filename=n.txt`, 201],
    ['TempContentsGet', 'GET', () => `${BASE}/${id}`, 200],
    ['TempContentsHead', 'HEAD', () => `${BASE}/${id}`, 200],
    ['TempContentsDetails', 'GET', () => `${BASE}/${id}/details`, 200],
  ] as const;
  const callers = [
    ['no token', {}, 401],
    ['a bad token', bearer('nope'), 401],
    ['a non-bearer scheme', { authorization: `Basic ${TOKENS.alice}` }, 401],
    ['another tenant', bearer(TOKENS.carol), 404],
    ['another subject of the same tenant', bearer(TOKENS.bob), 'ok'],
    ['the creator', bearer(TOKENS.alice), 'ok'],
  ] as const;

  for (const [operation, method, url, okStatus] of operations) {
    it.each(callers)(`${operation} with %s`, async (_who, headers, want) => {
      const response = await t.app.inject({
        method,
        url: url(),
        headers,
        payload: method === 'POST' ? 'x' : undefined,
      });
      const status = want === 'ok' || (want === 404 && method === 'POST') ? okStatus : want;
      expect(response.statusCode).toBe(status);
      if (status === 401) {
        expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="temp-contents"/);
      }
      if (method === 'GET' && status >= 400) {
        expect(response.json().errors[0].code).toBe(status === 401 ? 'UNAUTHORIZED' : 'NOT_FOUND');
      }
      if (method === 'GET' && status === 200 && url().endsWith('/details')) {
        expect(response.json().CreatorID).toBe('alice');
      }
    });
  }

  it('an upload by another subject records that subject as CreatorID', async () => {
    expect((await upload(t, 'x', '', {}, TOKENS.bob)).json().CreatorID).toBe('bob');
  });

  it('/health and /ready need no token', async () => {
    for (const url of ['/health', '/ready']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
    }
  });
});

describe('filename encodings end to end', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it.each([
    ['report.csv', 'report.csv', 'report.csv'],
    ['my file (1).txt', 'my file (1).txt', 'my%20file%20%281%29.txt'],
    ['naïve café.md', 'naive cafe.md', 'na%C3%AFve%20caf%C3%A9.md'],
    ['📦 box.zip', '_ box.zip', '%F0%9F%93%A6%20box.zip'],
    ['שלום.txt', '____.txt', '%D7%A9%D7%9C%D7%95%D7%9D.txt'],
    ['50% off "now".txt', '50_ off _now_.txt', '50%25%20off%20%22now%22.txt'],
    ["semi;colon,comma's.txt", "semi;colon,comma's.txt", 'semi%3Bcolon%2Ccomma%27s.txt'],
  ])('%s', async (name, fallback, encoded) => {
    const created = await upload(t, 'x', `?filename=${encodeURIComponent(name)}`);
    expect(created.statusCode).toBe(201);
    expect(created.json().Name).toBe(name);
    const download = await t.app.inject({
      url: created.headers.location as string,
      headers: bearer(TOKENS.alice),
    });
    expect(download.headers['content-disposition']).toBe(
      fallback === name
        ? `attachment; filename="${name}"`
        : `attachment; filename*=UTF-8''${encoded}; filename="${fallback}"`,
    );
  });

  it('no filename -> Content-Disposition without parameters', async () => {
    const created = await upload(t, 'x');
    const download = await t.app.inject({
      url: created.headers.location as string,
      headers: bearer(TOKENS.alice),
    });
    expect(download.headers['content-disposition']).toBe('attachment');
    expect(download.headers['content-type']).toBe('application/octet-stream');
  });
});

describe('restart persistence', () => {
  it('serves the same bytes and details after the app is rebuilt on the same data dir', async () => {
    const first = await createTestApp();
    const data = randomBytes(300_000);
    const created = await upload(first, data, '?filename=keep.bin&ttl=3600');
    expect(created.statusCode).toBe(201);
    const details = created.json();
    await first.app.close();

    await using second = await createTestApp({ dataDir: first.dataDir });
    const download = await second.app.inject({
      url: created.headers.location as string,
      headers: bearer(TOKENS.alice),
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(data)).toBe(true);
    const again = await second.app.inject({
      url: `${created.headers.location}/details`,
      headers: bearer(TOKENS.alice),
    });
    expect(again.json()).toEqual(details);
    await second.close();
    // first owns the temp dir; closing it again only removes the directory.
    await first.close();
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({
      env: { TC_RATE_LIMIT: 'on' },
      // Mid-window and standing still: a busy machine cannot carry a test into the next window.
      deps: { clock: () => new Date(Date.UTC(2030, 0, 1, 12, 0, 30)) },
      configure: (config) => {
        config.rateLimit.limits = { '1': 3, '2': 2, special: 5 };
      },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it('tier 2 (upload): 429 RATE_LIMITED with Retry-After and RateLimit-* past the limit', async () => {
    const first = await upload(t, 'a');
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect(first.headers['ratelimit-remaining']).toBe('1');
    expect((await upload(t, 'b')).headers['ratelimit-remaining']).toBe('0');
    const limited = await upload(t, 'c');
    expectError(limited, 'RATE_LIMITED', 'POST');
    // The window is counted on the app's clock: 30 s into a one-minute window.
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.headers['ratelimit-limit']).toBe('2');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(limited.headers['ratelimit-reset']).toBe(limited.headers['retry-after']);
    // Counted per tenant+subject: bob still has his own budget.
    expect((await upload(t, 'd', '', {}, TOKENS.bob)).statusCode).toBe(201);
  });

  it('tier 1 (reads) has its own budget, shared by GET, HEAD and details', async () => {
    const id = (await upload(t, 'a')).json().ID;
    const read = (method: 'GET' | 'HEAD', suffix = '') =>
      t.app.inject({ method, url: `${BASE}/${id}${suffix}`, headers: bearer(TOKENS.alice) });
    expect((await read('GET')).statusCode).toBe(200);
    expect((await read('HEAD')).statusCode).toBe(200);
    expect((await read('GET', '/details')).statusCode).toBe(200);
    expect((await read('GET')).statusCode).toBe(429);
    expect((await read('HEAD')).statusCode).toBe(429);
  });

  it('tus routes count in the `special` tier; OPTIONS discovery is not counted', async () => {
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: `${BASE}/files`,
        headers: { ...bearer(TOKENS.alice), 'tus-resumable': '1.0.0', 'upload-length': '1' },
      });
    for (let i = 0; i < 3; i++) {
      expect((await t.app.inject({ method: 'OPTIONS', url: `${BASE}/files` })).statusCode).toBe(
        200,
      );
    }
    for (let i = 0; i < 5; i++) expect((await create()).headers['ratelimit-limit']).toBe('5');
    const limited = await create();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().errors[0].code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    // The plain-upload tier is separate.
    expect((await upload(t, 'x')).statusCode).toBe(201);
  });

  it('probes are never limited', async () => {
    for (let i = 0; i < 10; i++)
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});
