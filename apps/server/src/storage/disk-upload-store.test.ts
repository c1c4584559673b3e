import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ERRORS, Upload } from '@tus/utils';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileContentStore } from './file-content-store.js';
import { makeRecord } from './test-support/content-store-behaviour.js';

describe('DiskUploadStore (upload info in the index)', () => {
  let dir: string;
  let store: FileContentStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tc-disk-upload-'));
    store = new FileContentStore(dir);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const create = async (metadata: Record<string, string | null>, size: number | null = 10) => {
    const record = makeRecord({ size });
    await store.insert(record);
    await store.tusStore.create(
      new Upload({ id: record.id, offset: 0, ...(size === null ? {} : { size }), metadata }),
    );
    return record;
  };

  it('answers length, offset, metadata and creation date from the index and the file, across a restart', async () => {
    const record = await create({ filename: 'a.txt', filetype: 'text/plain', flag: null });
    await store.tusStore.write(Readable.from([Buffer.from('01234')]), record.id, 0);
    await store.close();
    store = new FileContentStore(dir);
    const upload = await store.tusStore.getUpload(record.id);
    expect(upload).toMatchObject({
      id: record.id,
      size: 10,
      offset: 5,
      metadata: { filename: 'a.txt', filetype: 'text/plain', flag: null },
      creation_date: record.createdAt.toISOString(),
    });
    expect(await readdir(path.join(dir, 'files'))).toEqual([record.id]);
  });

  it('leaves the length undefined while it is deferred', async () => {
    const record = await create({}, null);
    expect((await store.tusStore.getUpload(record.id)).size).toBeUndefined();
  });

  it('never truncates bytes by creating an id twice', async () => {
    const record = await create({});
    await store.tusStore.write(Readable.from([Buffer.from('abc')]), record.id, 0);
    await expect(
      store.tusStore.create(new Upload({ id: record.id, offset: 0, size: 10 })),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    expect((await store.tusStore.getUpload(record.id)).offset).toBe(3);
  });

  it.each([
    ['an unknown id', async () => makeRecord().id, ERRORS.FILE_NOT_FOUND],
    [
      'a record whose bytes are gone',
      async () => {
        const record = await create({});
        await rm(path.join(dir, 'files', record.id));
        return record.id;
      },
      ERRORS.FILE_NO_LONGER_EXISTS,
    ],
  ])('answers %s with the tus error for it', async (_name, id, expected) => {
    await expect(store.tusStore.getUpload(await id())).rejects.toBe(expected);
  });

  it('reads the metadata of an upload made before it was indexed from its <id>.json, and removes that file', async () => {
    const record = await create({});
    // As an earlier version left it: no metadata column value, the info in a JSON file.
    await store.close();
    const db = new Database(path.join(dir, 'index.sqlite'));
    db.prepare('UPDATE contents SET upload_metadata = NULL WHERE id = ?').run(record.id);
    db.close();
    const info = path.join(dir, 'files', `${record.id}.json`);
    await writeFile(info, JSON.stringify({ id: record.id, metadata: { filename: 'old.bin' } }));
    store = new FileContentStore(dir);
    expect((await store.tusStore.getUpload(record.id)).metadata).toEqual({ filename: 'old.bin' });
    await store.remove(record.id);
    expect(await readdir(path.join(dir, 'files'))).toEqual([]);
  });
});
