import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileContentStore } from './file-content-store.js';
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
