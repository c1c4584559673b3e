/**
 * Every high-level method against the real server on a loopback port: each source kind, both
 * transports, ranges, HEAD, details, and the typed errors.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTempContentsClient,
  sizeAsBigInt,
  sizeAsNumber,
  type TempContentsClient,
  TempContentsError,
  TempContentsIncompleteError,
  TempContentsNetworkError,
  toTempContentsError,
  type UploadSource,
} from './index.js';
import {
  expectSameBytes,
  type LiveServer,
  readAll,
  startLiveServer,
  TOKENS,
  testBytes,
} from './test-support/live-server.js';

let server: LiveServer;
let client: TempContentsClient;
let workDir: string;
/** Small enough that a 200 KiB body takes the tus path without moving megabytes. */
const PLAIN_MAX = 64 * 1024;

beforeAll(async () => {
  server = await startLiveServer();
  client = createTempContentsClient({
    baseUrl: server.baseUrl,
    token: TOKENS.alice,
    plainUploadMaxBytes: PLAIN_MAX,
  });
  workDir = await mkdtemp(join(tmpdir(), 'tc-client-files-'));
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function downloaded(id: string): Promise<Uint8Array> {
  const download = await client.download(id);
  return readAll(download.body);
}

function webStream(bytes: Uint8Array, piece = 10_000): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + piece));
        at += piece;
      }
    },
  });
}

describe('upload, details and download round trips', () => {
  const small = testBytes(5000, 7);
  const large = testBytes(200 * 1024, 11);

  it.each<[string, () => Promise<UploadSource> | UploadSource, Uint8Array, 'plain' | 'tus']>([
    ['small Uint8Array', () => small, small, 'plain'],
    ['small ArrayBuffer', () => small.slice().buffer, small, 'plain'],
    ['small Blob', () => new Blob([small]), small, 'plain'],
    ['small web ReadableStream (unknown length)', () => webStream(small), small, 'plain'],
    ['small Node Readable', () => Readable.from([Buffer.from(small)]), small, 'plain'],
    ['large Uint8Array', () => large, large, 'tus'],
    ['large Blob', () => new Blob([large]), large, 'tus'],
    ['large web ReadableStream (deferred length)', () => webStream(large), large, 'tus'],
    ['large Node Readable (deferred length)', () => Readable.from(chunksOf(large)), large, 'tus'],
    ['empty Uint8Array', () => new Uint8Array(0), new Uint8Array(0), 'plain'],
  ])('%s comes back identical', async (_name, make, bytes, transport) => {
    const result = await client.upload(await make(), {
      filename: 'data.bin',
      chunkSize: 48 * 1024,
    });
    expect(result.transport).toBe(transport);
    expect(result.size).toBe(bytes.byteLength);
    expect(result.location).toBe(`${server.baseUrl}/api/v1/temp-contents/${result.id}`);
    if (transport === 'tus') expect(result.uploadUrl).toMatch(/\/api\/v1\/temp-contents\/files\//);
    expectSameBytes(await downloaded(result.id), bytes);
    const details = await client.details(result.id);
    expect(details).toMatchObject({
      ID: result.id,
      Name: 'data.bin',
      Size: String(bytes.byteLength),
    });
  });

  it('resumable: true sends even an empty body through tus', async () => {
    const result = await client.upload(new Uint8Array(0), { resumable: true });
    expect(result.transport).toBe('tus');
    expect(await downloaded(result.id)).toEqual(new Uint8Array(0));
  });

  it('a stream with a declared size goes through tus with Upload-Length', async () => {
    const result = await client.upload(webStream(large), {
      size: large.byteLength,
      chunkSize: 64 * 1024,
    });
    expect(result.transport).toBe('tus');
    expect(await downloaded(result.id)).toEqual(large);
  });

  it('a file path uploads with its base name, and a File keeps its name', async () => {
    const path = join(workDir, 'report é.csv');
    await writeFile(path, small);
    const fromPath = await client.upload(path);
    expect((await client.details(fromPath.id)).Name).toBe('report é.csv');
    const fromFile = await client.upload(new File([small], 'photo.jpg'));
    expect((await client.details(fromFile.id)).Name).toBe('photo.jpg');
    expect(await downloaded(fromPath.id)).toEqual(small);
  });

  it('details types Size as a decimal string with number and bigint helpers', async () => {
    const { id } = await client.upload(small, { ttl: 600 });
    const details = await client.details(id);
    expect(details.Size).toBe('5000');
    expect(sizeAsNumber(details)).toBe(5000);
    expect(sizeAsBigInt(details)).toBe(5000n);
    expect(details.TTLSeconds).toBe(600);
    expect(details.CreatorID).toBe('alice');
  });

  it('onProgress ends at the total for both transports', async () => {
    for (const [bytes, resumable] of [
      [small, false],
      [large, true],
    ] as const) {
      const seen: Array<[number, number | undefined]> = [];
      await client.upload(bytes, {
        resumable,
        chunkSize: 64 * 1024,
        onProgress: (a, b) => seen.push([a, b]),
      });
      expect(seen.at(-1)).toEqual([bytes.byteLength, bytes.byteLength]);
    }
  });

  it('getToken is asked (and may be async) for plain and tus requests', async () => {
    let calls = 0;
    const tokenClient = createTempContentsClient({
      baseUrl: server.baseUrl,
      getToken: async () => {
        calls += 1;
        return TOKENS.alice;
      },
    });
    const plain = await tokenClient.upload(small);
    const tus = await tokenClient.upload(small, { resumable: true });
    expect(await tokenClient.details(plain.id)).toMatchObject({ Size: '5000' });
    expect(await tokenClient.details(tus.id)).toMatchObject({ Size: '5000' });
    expect(calls).toBeGreaterThanOrEqual(5);
  });
});

function* chunksOf(bytes: Uint8Array, piece = 16_384): Generator<Buffer> {
  for (let at = 0; at < bytes.byteLength; at += piece) {
    yield Buffer.from(bytes.subarray(at, at + piece));
  }
}

describe('download', () => {
  const bytes = testBytes(1000, 3);
  let id: string;
  beforeAll(async () => {
    ({ id } = await client.upload(bytes, { filename: 'naïve file.txt' }));
  });

  it('sends the whole content with its headers', async () => {
    const download = await client.download(id);
    expect(download).toMatchObject({
      status: 200,
      length: 1000,
      size: 1000,
      filename: 'naïve file.txt',
      contentRange: undefined,
    });
    expect(download.etag).toMatch(/^"/);
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment/);
    expectSameBytes(await readAll(download.body), bytes);
  });

  it.each([
    ['a-b', { start: 10, end: 19 }, 10, 19],
    ['a-', { start: 990 }, 990, 999],
    ['-n', { suffix: 5 }, 995, 999],
    ['end past the size', { start: 900, end: 5000 }, 900, 999],
    ['literal header', 'bytes=100-199', 100, 199],
  ] as const)('range %s answers 206 with those bytes', async (_name, range, start, end) => {
    const download = await client.download(id, { range });
    expect(download.status).toBe(206);
    expect(download.contentRange).toEqual({ start, end, size: 1000 });
    expect(download.size).toBe(1000);
    expect(await readAll(download.body)).toEqual(bytes.slice(start, end + 1));
  });

  it('If-Range with a stale ETag gets the whole content', async () => {
    const download = await client.download(id, { range: { start: 10 }, ifRange: '"stale"' });
    expect(download.status).toBe(200);
    expectSameBytes(await readAll(download.body), bytes);
  });

  it('inline asks for Content-Disposition: inline', async () => {
    const download = await client.download(id, { inline: true });
    expect(download.headers.get('Content-Disposition')).toMatch(/^inline/);
    await download.body.cancel();
  });

  it('head reports size and ETag without a body', async () => {
    const head = await client.head(id);
    const download = await client.download(id);
    await download.body.cancel();
    expect(head).toMatchObject({ size: 1000, etag: download.etag, filename: 'naïve file.txt' });
  });
});

describe('raw client', () => {
  it('is the typed openapi-fetch client with errors as values', async () => {
    const { id } = await client.upload(new Uint8Array([1, 2, 3]));
    const ok = await client.raw.GET('/api/v1/temp-contents/{id}/details', {
      params: { path: { id } },
    });
    expect(ok.data?.Size).toBe('3');
    const missing = await client.raw.GET('/api/v1/temp-contents/{id}/details', {
      params: { path: { id: 'no-such-id' } },
    });
    expect(missing.data).toBeUndefined();
    expect(missing.error?.errors[0]?.code).toBe('NOT_FOUND');
    const typed = toTempContentsError(missing.response, missing.error);
    expect(typed).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(typed.traceId).toBe(missing.error?.traceId);
  });

  it('sends binary bodies as bytes with an octet-stream type', async () => {
    const bytes = testBytes(300, 5);
    const posted = await client.raw.POST('/api/v1/temp-contents', {
      params: { query: { filename: 'raw.bin' } },
      body: bytes,
    });
    expect(posted.response.status).toBe(201);
    const id = posted.data?.ID ?? '';
    const got = await client.raw.GET('/api/v1/temp-contents/{id}', {
      params: { path: { id } },
      parseAs: 'stream',
    });
    expectSameBytes(await readAll(got.data as ReadableStream<Uint8Array>), bytes);
  });
});

describe('errors', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await client.upload(testBytes(100)));
  });

  async function caught(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected a rejection');
  }

  it.each<[string, () => Promise<unknown>, number, string]>([
    ['404 unknown id (details)', () => client.details('no-such-content'), 404, 'NOT_FOUND'],
    ['404 unknown id (download)', () => client.download('no-such-content'), 404, 'NOT_FOUND'],
    [
      '404 other tenant',
      () => createTempContentsClient({ baseUrl: server.baseUrl, token: TOKENS.carol }).details(id),
      404,
      'NOT_FOUND',
    ],
    [
      '401 bad token',
      () => createTempContentsClient({ baseUrl: server.baseUrl, token: 'nope' }).details(id),
      401,
      'UNAUTHORIZED',
    ],
    [
      '401 no token',
      () => createTempContentsClient({ baseUrl: server.baseUrl }).upload(new Uint8Array(1)),
      401,
      'UNAUTHORIZED',
    ],
    [
      '416 range past the end',
      () => client.download(id, { range: { start: 100 } }),
      416,
      'RANGE_NOT_SATISFIABLE',
    ],
    ['400 ttl 0 (plain)', () => client.upload(new Uint8Array(1), { ttl: 0 }), 400, 'INVALID_TTL'],
    [
      '400 ttl too long (plain)',
      () => client.upload(new Uint8Array(1), { ttl: 259201 }),
      400,
      'INVALID_TTL',
    ],
    [
      '400 ttl 0 (tus)',
      () => client.upload(new Uint8Array(1), { ttl: 0, resumable: true, retryDelays: null }),
      400,
      'INVALID_UPLOAD_METADATA',
    ],
  ])(
    '%s surfaces as TempContentsError with code and traceId',
    async (_name, call, status, code) => {
      const error = await caught(call());
      expect(error).toBeInstanceOf(TempContentsError);
      const typed = error as TempContentsError;
      expect(typed.status).toBe(status);
      expect(typed.code).toBe(code);
      expect(typed.title).not.toBe('');
      expect(typed.traceId).toMatch(/^\S+$/);
      expect(typed.message).toContain(code);
    },
  );

  it('416 carries Content-Range: bytes */size', async () => {
    const error = (await caught(
      client.download(id, { range: { start: 500 } }),
    )) as TempContentsError;
    expect(error.headers.get('Content-Range')).toBe('bytes */100');
  });

  it('410 once the ttl has run out', async () => {
    const { id: shortLived } = await client.upload(new Uint8Array([1]), { ttl: 1 });
    // The server's clock moves past the ttl: no sleeping.
    server.advanceClock(1000);
    const error = await client.details(shortLived).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempContentsError);
    expect(error).toMatchObject({ status: 410, code: 'GONE' });
    expect((error as TempContentsError).traceId).toBeTruthy();
    await expect(client.download(shortLived)).rejects.toMatchObject({ status: 410, code: 'GONE' });
  });

  it('an unfinished tus upload is TempContentsIncompleteError (204) for details and download', async () => {
    const created = await client.raw.POST('/api/v1/temp-contents/files', {
      params: { header: { 'Tus-Resumable': '1.0.0', 'Upload-Length': 10 } },
    });
    expect(created.response.status).toBe(201);
    const location = created.response.headers.get('Location') ?? '';
    const pendingId = location.slice(location.lastIndexOf('/') + 1);
    for (const call of [() => client.details(pendingId), () => client.download(pendingId)]) {
      const error = await caught(call());
      expect(error).toBeInstanceOf(TempContentsIncompleteError);
      expect(error).toMatchObject({ status: 204, code: 'INCOMPLETE' });
    }
  });

  it('an unreachable server is TempContentsNetworkError', async () => {
    const closed = await startLiveServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const offline = createTempContentsClient({ baseUrl, token: TOKENS.alice });
    await expect(offline.details('x')).rejects.toBeInstanceOf(TempContentsNetworkError);
    await expect(offline.upload(new Uint8Array(1))).rejects.toBeInstanceOf(
      TempContentsNetworkError,
    );
    await expect(
      offline.upload(new Uint8Array(1), { resumable: true, retryDelays: null }),
    ).rejects.toBeInstanceOf(TempContentsNetworkError);
  });

  it('an aborted signal rejects with its reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(client.details(id, { signal: controller.signal })).rejects.toThrow('stop');
  });
});
