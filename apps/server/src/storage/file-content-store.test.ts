import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileContentStore, READ_CHUNK_BYTES } from './file-content-store.js';
import { describeContentStore, storeBytes } from './test-support/content-store-behaviour.js';

let dataDir: string | undefined;

describeContentStore('local disk + SQLite', {
  async open() {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tc-store-'));
    return new FileContentStore(dataDir);
  },
  async reopen() {
    return new FileContentStore(dataDir as string);
  },
  async cleanup() {
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  },
});

describe('FileContentStore layout', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps bytes under files/ and leaves nothing there after remove', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tc-store-'));
    const store = new FileContentStore(dir);
    const record = await storeBytes(store, randomBytes(10));
    // The upload info is in the index: nothing but the bytes beside them.
    expect(await readdir(path.join(dir, 'files'))).toEqual([record.id]);
    await store.remove(record.id);
    expect(await readdir(path.join(dir, 'files'))).toEqual([]);
    await store.close();
    expect(await store.isReady()).toBe(false);
  });
});

describe('FileContentStore downloads', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Large chunks are what makes downloads fast (docs/benchmarks.md); a range never gets more.
  it.each([
    ['a whole content', undefined, [READ_CHUNK_BYTES, READ_CHUNK_BYTES, READ_CHUNK_BYTES, 10]],
    ['a 10-byte range', { start: 5, end: 14 }, [10]],
    [
      'a range of 1.5 chunks',
      { start: 1, end: 1.5 * READ_CHUNK_BYTES },
      [READ_CHUNK_BYTES, READ_CHUNK_BYTES / 2],
    ],
  ])('reads %s in chunks of up to READ_CHUNK_BYTES', async (_name, range, sizes) => {
    dir = await mkdtemp(path.join(tmpdir(), 'tc-store-'));
    const store = new FileContentStore(dir);
    const bytes = randomBytes(3 * READ_CHUNK_BYTES + 10);
    const record = await storeBytes(store, bytes);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.openRead(record.id, range)) chunks.push(chunk as Buffer);
    expect(chunks.map((chunk) => chunk.length)).toEqual(sizes);
    const want = range === undefined ? bytes : bytes.subarray(range.start, range.end + 1);
    expect(Buffer.concat(chunks).equals(want)).toBe(true);
    await store.close();
  });
});
