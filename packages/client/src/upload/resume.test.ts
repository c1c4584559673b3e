/**
 * A tus upload aborted half-way stays on the server and `resumeUpload` finishes it from its URL,
 * sending only what the server lacks, whatever the source kind (a stream is read forward to the
 * server's offset). Real server on a loopback port.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTempContentsClient,
  idFromUploadUrl,
  type TempContentsClient,
  TempContentsError,
  TempContentsIncompleteError,
  type UploadSource,
} from '../index.js';
import {
  expectSameBytes,
  type LiveServer,
  readAll,
  serverOffset,
  startLiveServer,
  TOKENS,
  testBytes,
} from '../test-support/live-server.js';

let server: LiveServer;
let client: TempContentsClient;
let workDir: string;
const SIZE = 1024 * 1024;
const CHUNK = 64 * 1024;
const bytes = testBytes(SIZE, 42);

beforeAll(async () => {
  server = await startLiveServer();
  client = createTempContentsClient({ baseUrl: server.baseUrl, token: TOKENS.alice });
  workDir = await mkdtemp(join(tmpdir(), 'tc-client-resume-'));
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Starts a resumable upload and aborts it once half the bytes were accepted. */
async function uploadHalf(): Promise<{ url: string; error: unknown }> {
  const controller = new AbortController();
  let url = '';
  const error = await client
    .upload(bytes, {
      resumable: true,
      chunkSize: CHUNK,
      filename: 'half.bin',
      signal: controller.signal,
      onUploadUrl: (u) => {
        url = u;
      },
      onProgress: (sent) => {
        if (sent >= SIZE / 2) controller.abort(new Error('stopped half-way'));
      },
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return { url, error };
}

async function webStreamOf(data: Uint8Array): Promise<ReadableStream<Uint8Array>> {
  return new Blob([data as Uint8Array<ArrayBuffer>]).stream();
}

describe('resumeUpload', () => {
  it.each<[string, () => Promise<UploadSource>]>([
    ['the same bytes', async () => bytes],
    ['a Blob', async () => new Blob([bytes])],
    [
      'a file path',
      async () => {
        const path = join(workDir, 'source.bin');
        await writeFile(path, bytes);
        return path;
      },
    ],
    ['a web stream from the start (read forward to the offset)', () => webStreamOf(bytes)],
  ])('finishes an upload aborted half-way, from its URL, with %s', async (_name, source) => {
    const { url, error } = await uploadHalf();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('stopped half-way');
    expect(url).toMatch(/\/api\/v1\/temp-contents\/files\/[^/]+$/);
    const id = idFromUploadUrl(url);

    const offset = await serverOffset(url);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(SIZE);
    await expect(client.details(id)).rejects.toBeInstanceOf(TempContentsIncompleteError);

    const progress: number[] = [];
    const result = await client.resumeUpload(url, await source(), {
      chunkSize: CHUNK,
      onProgress: (sent) => progress.push(sent),
    });
    expect(result).toMatchObject({ id, transport: 'tus', uploadUrl: url, size: SIZE });
    // Only the missing part was sent: progress starts at the server's offset, not at 0.
    expect(Math.min(...progress)).toBeGreaterThanOrEqual(offset);
    expect(progress.at(-1)).toBe(SIZE);

    const details = await client.details(id);
    expect(details).toMatchObject({ Name: 'half.bin', Size: String(SIZE) });
    expectSameBytes(await readAll((await client.download(id)).body), bytes);
  });

  it('resuming a finished upload sends nothing and succeeds', async () => {
    const first = await client.upload(bytes, { resumable: true, chunkSize: CHUNK * 4 });
    const progress: number[] = [];
    const again = await client.resumeUpload(first.uploadUrl ?? '', bytes, {
      onProgress: (sent) => progress.push(sent),
    });
    expect(again.id).toBe(first.id);
    expect(progress).toEqual([SIZE]);
  });

  it('resuming an unknown upload URL is a 404 TempContentsError', async () => {
    const url = `${server.baseUrl}/api/v1/temp-contents/files/no-such-upload`;
    const error = await client
      .resumeUpload(url, bytes, { retryDelays: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TempContentsError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
