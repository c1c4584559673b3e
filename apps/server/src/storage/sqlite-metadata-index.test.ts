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
