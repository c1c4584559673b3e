import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { LIST_EXPIRED_SQL, SqliteMetadataIndex } from './sqlite-metadata-index.js';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The sweeper's cost must grow with the number of expired contents, not the number stored:
// SQLite must answer its query by a range search on the expires_at index (no table scan, no
// sort), which stops after the expired rows.
it('finds expired contents through the expires_at index, never by scanning the table', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tc-index-'));
  const file = path.join(dir, 'index.sqlite');
  new SqliteMetadataIndex(file).close();
  const db = new Database(file, { readonly: true });
  try {
    const plan = db
      .prepare<[number, number], { detail: string }>(`EXPLAIN QUERY PLAN ${LIST_EXPIRED_SQL}`)
      .all(0, 1)
      .map((row) => row.detail);
    expect(plan).toEqual([
      expect.stringMatching(/^SEARCH contents USING INDEX contents_expires_at \(expires_at<\?\)$/),
    ]);
  } finally {
    db.close();
  }
});

it('gives an index from before tombstones the column, every row alive', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tc-index-'));
  const file = path.join(dir, 'index.sqlite');
  const old = new Database(file);
  old.exec(`CREATE TABLE contents (
    id TEXT PRIMARY KEY, tenant TEXT NOT NULL, creator_id TEXT NOT NULL, name TEXT NOT NULL,
    content_type TEXT NOT NULL, size INTEGER, offset INTEGER NOT NULL,
    ttl_seconds INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL) STRICT`);
  old
    .prepare('INSERT INTO contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run('a'.repeat(32), 'acme', 'alice', 'x', 'text/plain', 1, 1, 60, 0, 0, 9e12);
  old.close();

  const index = new SqliteMetadataIndex(file);
  try {
    expect(index.get('a'.repeat(32))?.tenant).toBe('acme');
    // A tombstone hides the row from readers and hands it to the sweeper at once.
    index.markRemoved('a'.repeat(32));
    expect(index.get('a'.repeat(32))).toBeUndefined();
    expect(index.updateProgress('a'.repeat(32), 1, new Date())).toBe(false);
    expect(index.listExpired(new Date(1), 10)).toEqual(['a'.repeat(32)]);
    expect(index.getForPurge('a'.repeat(32))?.expiresAt.getTime()).toBe(0);
  } finally {
    index.close();
  }
});
