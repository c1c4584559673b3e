/**
 * Parallel uploads (tus concatenation): the source is sent as several partial uploads at once
 * and the server concatenates them into the content; an interrupted one is finished from the
 * partial URLs. Real server on a loopback port.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTempContentsClient, type TempContentsClient, type UploadSource } from '../index.js';
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
/** `Upload-Concat` of every tus creation the server received. */
let creations: string[] = [];
const SIZE = 1024 * 1024 + 17;
const CHUNK = 64 * 1024;
const bytes = testBytes(SIZE, 7);

beforeAll(async () => {
  server = await startLiveServer({}, (request) => {
    if (request.method === 'POST' && request.url === '/api/v1/temp-contents/files') {
      creations.push(String(request.headers['upload-concat'] ?? '(none)'));
    }
  });
  client = createTempContentsClient({ baseUrl: server.baseUrl, token: TOKENS.alice });
  workDir = await mkdtemp(join(tmpdir(), 'tc-client-parallel-'));
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  creations = [];
});

describe('upload with parallelUploads', () => {
  it.each<[string, number, () => Promise<UploadSource>]>([
    ['bytes in 3 parts', 3, async () => bytes],
    ['a Blob in 2 parts', 2, async () => new Blob([bytes])],
    [
      'a file path in 4 parts',
      4,
      async () => {
        const path = join(workDir, 'parallel.bin');
        await writeFile(path, bytes);
        return path;
      },
    ],
  ])('sends %s as partial uploads and gets them concatenated', async (_name, parts, source) => {
    const progress: number[] = [];
    const result = await client.upload(await source(), {
      parallelUploads: parts,
      chunkSize: CHUNK,
      filename: 'parallel.bin',
      ttl: 600,
      onProgress: (sent) => progress.push(sent),
    });
    expect(result).toMatchObject({ transport: 'tus', size: SIZE });
    expect(creations.filter((value) => value === 'partial')).toHaveLength(parts);
    expect(creations.filter((value) => value.startsWith('final;'))).toHaveLength(1);
    expect(progress.at(-1)).toBe(SIZE);
    expect(await client.details(result.id)).toMatchObject({
      Name: 'parallel.bin',
      Size: String(SIZE),
      TTLSeconds: 600,
    });
    expectSameBytes(await readAll((await client.download(result.id)).body), bytes);
  });

  it('finishes an interrupted parallel upload from its partial URLs', async () => {
    const controller = new AbortController();
    let partials: string[] = [];
    const error = await client
      .upload(bytes, {
        parallelUploads: 3,
        chunkSize: CHUNK,
        filename: 'resumed.bin',
        signal: controller.signal,
        onPartialUploadUrls: (urls) => {
          partials = urls;
        },
        onProgress: (sent) => {
          if (sent >= SIZE / 2) controller.abort(new Error('stopped half-way'));
        },
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('stopped half-way');
    expect(partials).toHaveLength(3);
    const offsets = await Promise.all(partials.map((url) => serverOffset(url)));
    const held = offsets.reduce((a, b) => a + b, 0);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(SIZE);
    expect(creations.some((value) => value.startsWith('final;'))).toBe(false);

    const result = await client.resumeUpload(partials, bytes, { chunkSize: CHUNK });
    // Only the partial uploads' missing bytes went again; no new partial upload was created.
    expect(creations.filter((value) => value === 'partial')).toHaveLength(3);
    expect(result).toMatchObject({ transport: 'tus', size: SIZE });
    // The final upload takes its name from the partials' metadata.
    expect(await client.details(result.id)).toMatchObject({ Name: 'resumed.bin' });
    expectSameBytes(await readAll((await client.download(result.id)).body), bytes);
  });

  it('refuses a stream: its parts cannot be read at the same time', async () => {
    const stream = new Blob([bytes]).stream();
    await expect(client.upload(stream, { parallelUploads: 2 })).rejects.toBeInstanceOf(TypeError);
    expect(creations).toEqual([]);
  });
});
