import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Upload } from '@tus/utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicUploadInfoStore } from './atomic-upload-info-store.js';

const ID = 'a1b2c3d4e5f6';
/** Upload info as @tus/file-store keeps it; `filler` makes the JSON big enough to write slowly. */
const info = (offset: number, filler = '') =>
  new Upload({ id: ID, offset, size: 1_000_000, metadata: { filename: `f.bin${filler}` } });

describe('AtomicUploadInfoStore', () => {
  let dir: string;
  let store: AtomicUploadInfoStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tc-upload-info-'));
    store = new AtomicUploadInfoStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores, replaces and deletes the info of an upload', async () => {
    await store.set(ID, info(0));
    await store.set(ID, info(42));
    expect(await store.get(ID)).toMatchObject({ id: ID, offset: 42, size: 1_000_000 });
    expect(await readdir(dir)).toEqual([`${ID}.json`]);
    await store.delete(ID);
    expect(await store.get(ID)).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('never lets a reader see a missing or half-written info while it is rewritten', async () => {
    const filler = 'x'.repeat(512 * 1024);
    await store.set(ID, info(0, filler));
    let writing = true;
    const seen: (number | undefined)[] = [];
    const reader = (async () => {
      while (writing) seen.push((await store.get(ID))?.offset);
    })();
    for (let offset = 1; offset <= 100; offset++) await store.set(ID, info(offset, filler));
    writing = false;
    await reader;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((offset) => offset === undefined)).toEqual([]);
  });

  it('ignores a temp file a crash left behind, replaces it on the next write, deletes it', async () => {
    await store.set(ID, info(7));
    await writeFile(path.join(dir, `${ID}.json.tmp`), '{"id":"a1b2c3d4e5f6","off');
    expect(await store.get(ID)).toMatchObject({ offset: 7 });
    await store.set(ID, info(8));
    expect(await readdir(dir)).toEqual([`${ID}.json`]);
    await writeFile(path.join(dir, `${ID}.json.tmp`), 'left over');
    await store.delete(ID);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each(['../escape', 'a/b', '', 'x'.repeat(129)])('refuses the key %j', async (key) => {
    await expect(store.set(key, info(0))).rejects.toThrow(/unsafe upload id/);
  });
});
