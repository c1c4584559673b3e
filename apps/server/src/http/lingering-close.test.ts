import http from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';
import { endAfterRequestBody } from './lingering-close.js';

const BODY = JSON.stringify({ errors: [{ code: 'OFFSET_MISMATCH', title: 'x' }], traceId: 't' });

let server: http.Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running !== undefined) await new Promise((resolve) => running.close(resolve));
});

/** A server that rejects every request at once, before reading its body. */
async function rejectingServer(linger: boolean, lingerMs = 5000): Promise<number> {
  server = http.createServer((request, res) => {
    res.writeHead(409, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(BODY),
      connection: 'close',
    });
    if (linger) endAfterRequestBody(request, res, BODY, lingerMs);
    else res.end(BODY);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A client that writes its whole 8 MiB body before it reads anything, as a simple uploader
 * does, then reads what the server said.
 */
function uploadThenRead(
  port: number,
  head = (size: number) => `PATCH /x HTTP/1.1\r\nHost: h\r\nContent-Length: ${size}\r\n`,
): Promise<{ response: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let error: string | undefined;
    socket.pause();
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code;
    });
    socket.on('close', () => {
      const response = Buffer.concat(chunks).toString('latin1');
      resolve(error === undefined ? { response } : { response, error });
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    const size = 8 * 1024 * 1024;
    socket.write(`${head(size)}\r\n`);
    const piece = Buffer.alloc(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < size && !socket.destroyed) {
        sent += piece.length;
        if (!socket.write(piece)) {
          socket.once('drain', pump);
          return;
        }
      }
      // Everything handed to the socket: now read the answer.
      setTimeout(() => socket.resume(), 50);
    };
    pump();
  });
}

describe('endAfterRequestBody', () => {
  it('a client still sending its body gets the whole early response', async () => {
    const port = await rejectingServer(true);
    const { response, error } = await uploadThenRead(port);
    expect(error).toBeUndefined();
    expect(response).toMatch(/^HTTP\/1\.1 409 /);
    expect(response.endsWith(BODY)).toBe(true);
  });

  it('cuts a client that keeps sending after the linger time', async () => {
    const port = await rejectingServer(true, 100);
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      socket.resume();
    });
    socket.write('PATCH /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\nabc');
    // Never sends the rest: the server must not wait for it beyond the linger time.
    expect(await closed).toBeLessThan(3000);
  });

  it('ends at once when the body was already read', async () => {
    const port = await rejectingServer(true);
    const { response } = await new Promise<{ response: string }>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('close', () => resolve({ response: text }));
      socket.end('GET /x HTTP/1.1\r\nHost: h\r\n\r\n');
    });
    expect(response.endsWith(BODY)).toBe(true);
  });
});

describe('early errors of the app reach a client that is still sending', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.each([
    {
      name: 'plain upload over TC_MAX_UPLOAD_BYTES (413 from Content-Length)',
      head: (size: number) =>
        `POST /api/v1/temp-contents HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer ${TOKENS.alice}\r\n` +
        `Content-Length: ${size}\r\n`,
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'plain upload without a token (401)',
      head: (size: number) =>
        `POST /api/v1/temp-contents HTTP/1.1\r\nHost: h\r\nContent-Length: ${size}\r\n`,
      status: 401,
      code: 'UNAUTHORIZED',
    },
  ])('$name', async ({ head, status, code }) => {
    app = await createTestApp({ env: { TC_MAX_UPLOAD_BYTES: '1024' } });
    const port = Number(new URL(await app.listen()).port);
    const { response, error } = await uploadThenRead(port, head);
    expect(error).toBeUndefined();
    expect(response).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(response).toContain(`"code":"${code}"`);
  });
});
