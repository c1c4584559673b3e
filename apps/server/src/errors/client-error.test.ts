import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  port = Number(new URL(await t.listen()).port);
});

afterAll(async () => {
  await t.close();
});

/** Sends raw bytes on a fresh connection and resolves with everything the server wrote back. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(5000, () => reject(new Error('no answer within 5 s')));
    socket.end(request);
  });
}

function parseResponse(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = new Map(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  return { statusLine, headers, body };
}

describe('requests rejected by the HTTP parser get the error envelope', () => {
  it.each([
    {
      name: 'malformed Content-Length on a tus PATCH',
      request:
        'PATCH /api/v1/temp-contents/files/abc HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\n' +
        'Content-Length: 12abc\r\n\r\n',
      tus: true,
    },
    {
      name: 'two different Content-Length values on a plain POST',
      request:
        'POST /api/v1/temp-contents HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n' +
        'Content-Length: 2\r\n\r\nab',
      tus: false,
    },
    {
      name: 'a control character in a header value',
      request: 'GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n',
      tus: false,
    },
    {
      name: 'headers larger than the limit',
      request: `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      tus: false,
    },
  ])('$name -> 400 INVALID_REQUEST', async ({ request, tus }) => {
    const response = parseResponse(await rawExchange(request));
    expect(response.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('connection')).toBe('close');
    expect(response.headers.get('tus-resumable')).toBe(tus ? '1.0.0' : undefined);
    const body = JSON.parse(response.body) as {
      errors: { code: string; title: string; detail: string }[];
      traceId: string;
    };
    expect(body.errors[0]).toMatchObject({ code: 'INVALID_REQUEST', title: 'Bad request' });
    expect(body.errors[0]?.detail).toMatch(/\S/);
    expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(response.body));
  });

  it('the server keeps serving after a rejected request', async () => {
    await rawExchange('GET / HTTP/1.1\r\nContent-Length: nope\r\n\r\n');
    const response = parseResponse(await rawExchange('GET /health HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(response.statusLine).toBe('HTTP/1.1 200 OK');
  });
});

describe('unusual requests Node would answer bare, or not at all', () => {
  it.each([
    {
      name: 'an HTTP/1.1 request without Host',
      request:
        'POST /api/v1/temp-contents/files HTTP/1.1\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 1\r\n\r\n',
      status: 'HTTP/1.1 400 Bad Request',
      code: 'INVALID_REQUEST',
      allow: undefined,
      tus: '1.0.0',
    },
    {
      name: 'an HTTP/2.0 request line on an HTTP/1 connection',
      request: 'GET /health HTTP/2.0\r\nHost: x\r\n\r\n',
      status: 'HTTP/1.1 505 HTTP Version Not Supported',
      code: 'HTTP_VERSION_NOT_SUPPORTED',
      allow: undefined,
      tus: undefined,
    },
    {
      name: 'CONNECT',
      request: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
      status: 'HTTP/1.1 405 Method Not Allowed',
      code: 'METHOD_NOT_ALLOWED',
      allow: 'GET, HEAD, POST, PATCH, DELETE, OPTIONS',
      tus: undefined,
    },
  ])('$name -> the envelope', async ({ request, status, code, allow, tus }) => {
    const response = parseResponse(await rawExchange(request));
    expect(response.statusLine).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.headers.get('tus-resumable')).toBe(tus);
    expect(JSON.parse(response.body).errors[0].code).toBe(code);
  });

  it('an HTTP/1.0 request without Host is served (Host is required from 1.1 on)', async () => {
    const response = parseResponse(await rawExchange('GET /health HTTP/1.0\r\n\r\n'));
    expect(response.statusLine).toMatch(/^HTTP\/1\.[01] 200 OK$/);
  });

  it('an unknown Expect is ignored: the request is served (RFC 9110 allows either)', async () => {
    const response = parseResponse(
      await rawExchange('GET /health HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n'),
    );
    expect(response.statusLine).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  });
});
