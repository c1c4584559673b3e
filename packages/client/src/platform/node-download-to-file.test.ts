/**
 * `downloadToFile` against the real server: fresh, continued from a partial file (Range +
 * If-Range, only the missing bytes fetched), already complete, and a longer stale file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempContentsClient, type TempContentsClient, TempContentsError } from '../index.js';
import {
  expectSameBytes,
  type LiveServer,
  startLiveServer,
  TOKENS,
  testBytes,
} from '../test-support/live-server.js';

let server: LiveServer;
let client: TempContentsClient;
let workDir: string;
let id: string;
const bytes = testBytes(300 * 1024, 9);

beforeAll(async () => {
  server = await startLiveServer();
  client = createTempContentsClient({ baseUrl: server.baseUrl, token: TOKENS.alice });
  workDir = await mkdtemp(join(tmpdir(), 'tc-client-dl-'));
  ({ id } = await client.upload(bytes, { filename: 'big.bin' }));
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('downloadToFile', () => {
  it.each<[string, Uint8Array | undefined, { resumedFrom: number; bytesWritten: number }]>([
    ['no file yet', undefined, { resumedFrom: 0, bytesWritten: bytes.byteLength }],
    [
      'a partial file (first 100000 bytes)',
      bytes.slice(0, 100_000),
      { resumedFrom: 100_000, bytesWritten: bytes.byteLength - 100_000 },
    ],
    ['a one-byte file', bytes.slice(0, 1), { resumedFrom: 1, bytesWritten: bytes.byteLength - 1 }],
    ['a complete file', bytes, { resumedFrom: bytes.byteLength, bytesWritten: 0 }],
    [
      'a longer stale file (rewritten)',
      testBytes(bytes.byteLength + 10, 1),
      { resumedFrom: 0, bytesWritten: bytes.byteLength },
    ],
  ])('with %s ends with the exact content', async (name, existing, want) => {
    const path = join(workDir, `${name.replace(/\W+/g, '-')}.bin`);
    if (existing) await writeFile(path, existing);
    const progress: number[] = [];
    const result = await client.downloadToFile(id, path, {
      onProgress: (done) => progress.push(done),
    });
    expect(result).toEqual({ path, size: bytes.byteLength, ...want });
    expectSameBytes(await readFile(path), bytes);
    expect(progress.at(-1)).toBe(bytes.byteLength);
  });

  it('an unknown id is a 404 from the HEAD of a resumed download, and the file is untouched', async () => {
    const path = join(workDir, 'unknown.bin');
    await writeFile(path, 'partial');
    await expect(client.downloadToFile('no-such-id', path)).rejects.toSatisfy(
      (e) => e instanceof TempContentsError && e.status === 404 && e.code === 'NOT_FOUND',
    );
    expect(await readFile(path, 'utf8')).toBe('partial');
  });
});
