import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';
import { createUpload, headOffset, TUS_AUTH, tusPatch } from '../tus/test-support/tus-http.js';
import type { ContentRecord } from './content-record.js';
import { FileContentStore } from './file-content-store.js';
import { SqliteMetadataIndex } from './sqlite-metadata-index.js';

/**
 * SQLite refusing writes as it does on a full disk (SQLITE_FULL, injected at one write step at a
 * time; the real full disk is in full-disk.test.ts): writes answer 507 in the envelope and leave
 * nothing half-done, reads keep working, and a client that got 507 can still learn its offset.
 */
type WriteStep = 'insert' | 'updateProgress' | 'markRemoved' | 'delete';

class FullIndex extends SqliteMetadataIndex {
  readonly full = new Set<WriteStep>();

  override insert(record: ContentRecord): void {
    this.refuse('insert');
    super.insert(record);
  }
  override updateProgress(id: string, offset: number, at: Date, size?: number | null): boolean {
    this.refuse('updateProgress');
    return super.updateProgress(id, offset, at, size);
  }
  override markRemoved(id: string): void {
    this.refuse('markRemoved');
    super.markRemoved(id);
  }
  override delete(id: string): void {
    this.refuse('delete');
    super.delete(id);
  }
  /** Every row, tombstones included. */
  rowCount(): number {
    return this.listExpired(new Date(8.64e15), 1000).length;
  }

  private refuse(step: WriteStep): void {
    if (this.full.has(step)) {
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    }
  }
}

let t: TestApp | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function start(): Promise<{
  base: string;
  index: FullIndex;
  files: () => Promise<string[]>;
}> {
  dataDir = await mkdtemp(path.join(tmpdir(), 'tc-index-full-'));
  const index = new FullIndex(path.join(dataDir, 'index.sqlite'));
  const store = new FileContentStore(dataDir, { index });
  t = await createTestApp({ dataDir, deps: { store } });
  const filesDir = path.join(dataDir, 'files');
  const files = async () =>
    (await readdir(filesDir)).filter((name) => !name.startsWith('.')).sort();
  return { base: await t.listen(), index, files };
}

async function expectInsufficientStorage(response: Response, tus: boolean): Promise<void> {
  expect(response.status).toBe(507);
  const body = await response.json();
  expect(body.errors[0].code).toBe('INSUFFICIENT_STORAGE');
  expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(response.headers.get('tus-resumable')).toBe(tus ? '1.0.0' : null);
}

describe('creations when the index cannot be written', () => {
  it.each([
    ['plain POST', 'insert'],
    ['plain POST', 'updateProgress'],
    ['tus creation', 'insert'],
    ['tus creation-with-upload', 'insert'],
    ['tus creation-with-upload', 'updateProgress'],
  ] as const)('a %s failing at %s answers 507 and keeps nothing', async (kind, step) => {
    const { base, index, files } = await start();
    index.full.add(step);
    const body = randomBytes(2048);
    let response: Response;
    if (kind === 'plain POST') {
      response = await fetch(`${base}/api/v1/temp-contents?filename=a.bin`, {
        method: 'POST',
        headers: bearer(TOKENS.alice),
        body,
      });
    } else {
      const withBody = kind === 'tus creation-with-upload';
      response = await fetch(`${base}/api/v1/temp-contents/files`, {
        method: 'POST',
        headers: {
          ...TUS_AUTH,
          'upload-length': String(body.length),
          ...(withBody ? { 'content-type': 'application/offset+octet-stream' } : {}),
        },
        ...(withBody ? { body } : {}),
      });
    }
    await expectInsufficientStorage(response, kind !== 'plain POST');
    expect(await files()).toEqual([]);
    index.full.clear();
    expect(index.rowCount()).toBe(0);
  });
});

describe('an upload in progress when the index cannot be written', () => {
  it('answers 507 to the PATCH, still answers HEAD with the offset of the stored bytes, and resumes', async () => {
    const { base, index } = await start();
    const bytes = randomBytes(100);
    const url = await createUpload(`${base}/api/v1/temp-contents/files`, bytes.length);
    index.full.add('updateProgress');

    await expectInsufficientStorage(await tusPatch(url, 0, bytes.subarray(0, 40)), true);
    // HEAD would catch the record up with the bytes; that write fails too, the answer must not.
    expect(await headOffset(url)).toEqual({ status: 200, offset: 40 });
    // Plain reads keep working.
    const id = url.split('/').pop() as string;
    const get = await fetch(`${base}/api/v1/temp-contents/${id}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(get.status).toBe(204);

    index.full.clear();
    expect((await tusPatch(url, 40, bytes.subarray(40))).status).toBe(204);
    const done = await fetch(`${base}/api/v1/temp-contents/${id}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(done.status).toBe(200);
    expect(Buffer.from(await done.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('DELETE when the index cannot be written', () => {
  async function completeUpload(base: string, bytes: Buffer): Promise<{ url: string; id: string }> {
    const url = await createUpload(`${base}/api/v1/temp-contents/files`, bytes.length);
    expect((await tusPatch(url, 0, bytes)).status).toBe(204);
    return { url, id: url.split('/').pop() as string };
  }

  it('answers 507 and deletes nothing when even the tombstone cannot be written', async () => {
    const { base, index, files } = await start();
    const bytes = randomBytes(300);
    const { url, id } = await completeUpload(base, bytes);
    index.full.add('markRemoved');

    await expectInsufficientStorage(
      await fetch(url, { method: 'DELETE', headers: TUS_AUTH }),
      true,
    );
    const get = await fetch(`${base}/api/v1/temp-contents/${id}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true);
    expect(
      (await fetch(`${base}/api/v1/temp-contents/${id}/details`, { headers: bearer(TOKENS.alice) }))
        .status,
    ).toBe(200);

    // The client retries once there is room, and the content goes.
    index.full.clear();
    expect((await fetch(url, { method: 'DELETE', headers: TUS_AUTH })).status).toBe(204);
    expect(await files()).toEqual([]);
  });

  it('answers 204 when only the last step fails: the content is gone everywhere, the sweeper finishes', async () => {
    const { base, index, files } = await start();
    const { url, id } = await completeUpload(base, randomBytes(300));
    index.full.add('delete');

    expect((await fetch(url, { method: 'DELETE', headers: TUS_AUTH })).status).toBe(204);
    for (const suffix of ['', '/details']) {
      const response = await fetch(`${base}/api/v1/temp-contents/${id}${suffix}`, {
        headers: bearer(TOKENS.alice),
      });
      expect(response.status).toBe(404);
      expect((await response.json()).errors[0].code).toBe('NOT_FOUND');
    }
    expect((await headOffset(url)).status).toBe(404);
    expect(await files()).toEqual([]);
    // The tombstone is left, listed as long expired; the next sweep with room deletes it.
    expect(index.rowCount()).toBe(1);
    index.full.clear();
    expect(await t?.app.expirySweeper.sweepOnce()).toBe(1);
    expect(index.rowCount()).toBe(0);
  });
});

describe('a content whose bytes are missing', () => {
  it.each([
    ['whole', undefined],
    ['ranged', 'bytes=0-9'],
  ])('answers 410 to a %s GET, never 500', async (_name, range) => {
    const { base, files } = await start();
    const created = await fetch(`${base}/api/v1/temp-contents?filename=a.bin`, {
      method: 'POST',
      headers: bearer(TOKENS.alice),
      body: randomBytes(100),
    });
    expect(created.status).toBe(201);
    const { ID } = (await created.json()) as { ID: string };
    for (const name of await files()) await rm(path.join(dataDir as string, 'files', name));

    const response = await fetch(`${base}/api/v1/temp-contents/${ID}`, {
      headers: { ...bearer(TOKENS.alice), ...(range === undefined ? {} : { range }) },
    });
    expect(response.status).toBe(410);
    expect((await response.json()).errors[0].code).toBe('GONE');
  });
});
