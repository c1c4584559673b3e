/**
 * tus checksums end to end against the real server: every PATCH carries a right
 * `Upload-Checksum` when the server offers them, a chunk damaged on the way (by a proxy that
 * flips one byte) is refused with 460 and sent again, and `checksum: true` refuses to start
 * against a server that offers none.
 */
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempContentsClient } from '../index.js';
import {
  expectSameBytes,
  type LiveServer,
  readAll,
  startLiveServer,
  TOKENS,
  testBytes,
} from '../test-support/live-server.js';
import { chooseChecksumAlgorithm, uploadChecksum } from './tus-checksum.js';

const SIZE = 1024 * 1024;
const CHUNK = 256 * 1024;
const bytes = testBytes(SIZE, 460);

/** What the server received: every PATCH's Upload-Checksum (or undefined). */
const patches: (string | undefined)[] = [];
const methods: string[] = [];
let server: LiveServer;

beforeAll(async () => {
  server = await startLiveServer({}, (request) => {
    methods.push(request.method);
    if (request.method === 'PATCH') {
      const value = request.headers['upload-checksum'];
      patches.push(Array.isArray(value) ? value.join(',') : value);
    }
  });
});
afterAll(async () => {
  await server?.close();
});

/**
 * A proxy in front of the server: it can flip one byte of the `corrupt`-th PATCH body (counted
 * from 1), as a faulty network would, and drop `checksum` from the OPTIONS answer.
 */
async function startProxy(fault: {
  corrupt?: number;
  hideChecksum?: boolean;
}): Promise<{ url: string; statuses: number[]; close(): Promise<void> }> {
  const upstream = new URL(server.baseUrl);
  const statuses: number[] = [];
  let patchCount = 0;
  const proxy: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (incoming.method === 'PATCH') {
        patchCount += 1;
        if (patchCount === fault.corrupt && body.length > 0) body[0] = (body[0] ?? 0) ^ 0xff;
      }
      const headers = { ...incoming.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const forward = httpRequest(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers,
        },
        (response) => {
          if (incoming.method === 'PATCH') statuses.push(response.statusCode ?? 0);
          const answer = { ...response.headers };
          if (fault.hideChecksum && incoming.method === 'OPTIONS') {
            answer['tus-extension'] = String(answer['tus-extension'] ?? '')
              .split(',')
              .filter((name) => !name.startsWith('checksum'))
              .join(',');
            delete answer['tus-checksum-algorithm'];
          }
          outgoing.writeHead(response.statusCode ?? 502, answer);
          response.pipe(outgoing);
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    statuses,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

async function downloaded(id: string): Promise<Uint8Array> {
  const client = createTempContentsClient({ baseUrl: server.baseUrl, token: TOKENS.alice });
  const download = await client.download(id);
  return readAll(download.body);
}

describe('tus checksums', () => {
  it('sends a right sha256 Upload-Checksum with every PATCH when the server offers them', async () => {
    const client = createTempContentsClient({ baseUrl: server.baseUrl, token: TOKENS.alice });
    patches.length = 0;
    const result = await client.upload(bytes, { resumable: true, chunkSize: CHUNK });
    expect(result.checksum).toBe('sha256');
    expect(patches).toEqual(
      [0, 1, 2, 3].map(
        (n) =>
          `sha256 ${createHash('sha256')
            .update(bytes.subarray(n * CHUNK, (n + 1) * CHUNK))
            .digest('base64')}`,
      ),
    );
    expectSameBytes(await downloaded(result.id), bytes);
  });

  it('sends none with checksum: false', async () => {
    const client = createTempContentsClient({ baseUrl: server.baseUrl, token: TOKENS.alice });
    patches.length = 0;
    const result = await client.upload(bytes, {
      resumable: true,
      chunkSize: CHUNK,
      checksum: false,
    });
    expect(result.checksum).toBeUndefined();
    expect(patches).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('sends a chunk damaged on the way again after the 460, and the content is right', async () => {
    const proxy = await startProxy({ corrupt: 2 });
    try {
      const client = createTempContentsClient({ baseUrl: proxy.url, token: TOKENS.alice });
      const result = await client.upload(bytes, {
        resumable: true,
        chunkSize: CHUNK,
        retryDelays: [0, 100],
      });
      // The damaged second chunk was refused (nothing stored) and its retry accepted.
      expect(proxy.statuses).toEqual([204, 460, 204, 204, 204]);
      expectSameBytes(await downloaded(result.id), bytes);
    } finally {
      await proxy.close();
    }
  });

  it('without checksums the same damage is stored unnoticed (why they matter)', async () => {
    const proxy = await startProxy({ corrupt: 2 });
    try {
      const client = createTempContentsClient({ baseUrl: proxy.url, token: TOKENS.alice });
      const result = await client.upload(bytes, {
        resumable: true,
        chunkSize: CHUNK,
        checksum: false,
      });
      expect(proxy.statuses).toEqual([204, 204, 204, 204]);
      const stored = await downloaded(result.id);
      expect(stored[CHUNK]).toBe((bytes[CHUNK] ?? 0) ^ 0xff);
    } finally {
      await proxy.close();
    }
  });

  it('checksum: true fails before creating anything when the server offers none', async () => {
    const proxy = await startProxy({ hideChecksum: true });
    try {
      const client = createTempContentsClient({ baseUrl: proxy.url, token: TOKENS.alice });
      methods.length = 0;
      await expect(
        client.upload(bytes, { resumable: true, chunkSize: CHUNK, checksum: true }),
      ).rejects.toThrow(/server does not offer tus checksums/);
      expect(methods).toEqual(['OPTIONS']);
      // By default the same server just gets no checksums.
      const result = await client.upload(bytes, { resumable: true, chunkSize: CHUNK });
      expect(result.checksum).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });
});

describe('chooseChecksumAlgorithm', () => {
  it.each([
    ['checksum with sha256 and sha1', 'creation,checksum', 'sha1,sha256,md5', 'sha256'],
    ['checksum with sha1 only', 'checksum', 'sha1', 'sha1'],
    ['checksum with md5 only (Web Crypto has none)', 'checksum', 'md5', undefined],
    ['no checksum extension', 'creation,termination', 'sha1,sha256', undefined],
    ['no headers at all', null, null, undefined],
    ['spacing and case', 'creation, Checksum', ' SHA256 ,sha1', 'sha256'],
  ] as const)('%s', (_name, extensions, algorithms, want) => {
    expect(chooseChecksumAlgorithm(extensions, algorithms)).toBe(want);
  });

  it('computes the header value as the server expects', async () => {
    const body = new TextEncoder().encode('hello');
    expect(await uploadChecksum('sha1', body)).toBe(
      `sha1 ${createHash('sha1').update(body).digest('base64')}`,
    );
  });
});
