import Database from 'better-sqlite3';
import type { ConcatRole, ContentRecord } from './content-record.js';
import type { UploadInfo, UploadInfoIndex } from './disk-upload-store.js';

interface Row {
  id: string;
  tenant: string;
  creator_id: string;
  name: string;
  content_type: string;
  size: number | null;
  offset: number;
  ttl_seconds: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
  removed: number;
  /** tus concatenation role as JSON; null for an ordinary content. */
  concat: string | null;
  /** tus Upload-Metadata as JSON, set by the upload store; null until then (or made before). */
  upload_metadata: string | null;
}

/** What the sweeper asks for: through the `expires_at` index, so only expired rows are read. */
export const LIST_EXPIRED_SQL =
  'SELECT id FROM contents WHERE expires_at <= ? ORDER BY expires_at LIMIT ?';

/**
 * The embedded metadata index: one SQLite file holding a row per content. Times are epoch
 * milliseconds and sizes plain integers (exact in JS numbers up to 2^53, far above any disk).
 * WAL mode lets readers proceed while a writer commits; `expires_at` is indexed so the sweeper
 * finds expired rows in time proportional to how many there are, not to the table size.
 *
 * A removal starts with a tombstone (`removed = 1`, `expires_at = 0`): from then on the content
 * is gone for every reader, and the sweeper, which meets it first, finishes a removal that could
 * not delete the row (a full disk, a crash).
 */
export class SqliteMetadataIndex implements UploadInfoIndex {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode (only an OS crash may lose the
    // last commits), which is the guarantee temporary contents need.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS contents (
        id           TEXT PRIMARY KEY,
        tenant       TEXT NOT NULL,
        creator_id   TEXT NOT NULL,
        name         TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size         INTEGER,
        offset       INTEGER NOT NULL,
        ttl_seconds  INTEGER NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        removed      INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX IF NOT EXISTS contents_expires_at ON contents (expires_at);
      CREATE TABLE IF NOT EXISTS concat_waiting (
        partial_id TEXT NOT NULL,
        final_id   TEXT NOT NULL,
        PRIMARY KEY (partial_id, final_id)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS concat_waiting_final ON concat_waiting (final_id);
    `);
    // Indexes created before tombstones existed get the column (every row alive).
    const columns = this.db.pragma('table_info(contents)') as Array<{ name: string }>;
    if (!columns.some((column) => column.name === 'removed')) {
      this.db.exec('ALTER TABLE contents ADD COLUMN removed INTEGER NOT NULL DEFAULT 0');
    }
    // ...and those created before concatenation its column (every row ordinary).
    if (!columns.some((column) => column.name === 'concat')) {
      this.db.exec('ALTER TABLE contents ADD COLUMN concat TEXT');
    }
    // ...and those whose upload info was an <id>.json file (DiskUploadStore reads those).
    if (!columns.some((column) => column.name === 'upload_metadata')) {
      this.db.exec('ALTER TABLE contents ADD COLUMN upload_metadata TEXT');
    }
    this.statements = {
      insert: this.db.prepare<Omit<Row, 'removed' | 'upload_metadata'>>(`
        INSERT INTO contents (id, tenant, creator_id, name, content_type, size, offset,
                              ttl_seconds, created_at, updated_at, expires_at, concat)
        VALUES (@id, @tenant, @creator_id, @name, @content_type, @size, @offset,
                @ttl_seconds, @created_at, @updated_at, @expires_at, @concat)`),
      get: this.db.prepare<[string], Row>('SELECT * FROM contents WHERE id = ? AND removed = 0'),
      getAny: this.db.prepare<[string], Row>('SELECT * FROM contents WHERE id = ?'),
      updateProgress: this.db.prepare<[number, number, string]>(
        'UPDATE contents SET offset = ?, updated_at = ? WHERE id = ? AND removed = 0',
      ),
      updateProgressAndSize: this.db.prepare<[number, number | null, number, string]>(
        'UPDATE contents SET offset = ?, size = ?, updated_at = ? WHERE id = ? AND removed = 0',
      ),
      setUploadMetadata: this.db.prepare<[string, string]>(
        'UPDATE contents SET upload_metadata = ? WHERE id = ? AND removed = 0',
      ),
      markRemoved: this.db.prepare<[string]>(
        'UPDATE contents SET removed = 1, expires_at = 0 WHERE id = ?',
      ),
      delete: this.db.prepare<[string]>('DELETE FROM contents WHERE id = ?'),
      listExpired: this.db.prepare<[number, number], { id: string }>(LIST_EXPIRED_SQL),
      ping: this.db.prepare<[], { ok: number }>('SELECT 1 AS ok'),
      await: this.db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO concat_waiting (partial_id, final_id) VALUES (?, ?)',
      ),
      awaiting: this.db.prepare<[string], { final_id: string }>(
        'SELECT final_id FROM concat_waiting WHERE partial_id = ? ORDER BY final_id',
      ),
      stopAwaiting: this.db.prepare<[string]>('DELETE FROM concat_waiting WHERE final_id = ?'),
    };
  }

  /** Throws when the id already exists (ids are random; a clash is a bug, not a retry). */
  insert(record: ContentRecord): void {
    this.statements.insert.run(toRow(record));
  }

  /** The live record; undefined when unknown or tombstoned. */
  get(id: string): ContentRecord | undefined {
    const row = this.statements.get.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  /** What the disk upload store keeps of a live upload besides its bytes. */
  uploadInfo(id: string): UploadInfo | undefined {
    const row = this.statements.get.get(id);
    if (row === undefined) return undefined;
    return {
      size: row.size,
      createdAt: new Date(row.created_at),
      metadata:
        row.upload_metadata === null
          ? null
          : (JSON.parse(row.upload_metadata) as Record<string, string | null>),
    };
  }

  /** tus Upload-Metadata of a live upload, written once at its creation. */
  setUploadMetadata(id: string, metadata: Record<string, string | null>): void {
    this.statements.setUploadMetadata.run(JSON.stringify(metadata), id);
  }

  /** The row whatever its state, for the sweeper: a tombstone comes back as long expired. */
  getForPurge(id: string): ContentRecord | undefined {
    const row = this.statements.getAny.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  /** The first step of a removal; from here on readers see the content as unknown. */
  markRemoved(id: string): void {
    this.statements.markRemoved.run(id);
  }

  /** Returns false when the id is unknown. */
  updateProgress(id: string, offset: number, updatedAt: Date, size?: number | null): boolean {
    const result =
      size === undefined
        ? this.statements.updateProgress.run(offset, updatedAt.getTime(), id)
        : this.statements.updateProgressAndSize.run(offset, size, updatedAt.getTime(), id);
    return result.changes > 0;
  }

  delete(id: string): void {
    this.statements.delete.run(id);
    this.statements.stopAwaiting.run(id);
  }

  /** concatenation-unfinished: `finalId` waits for each of `partialIds`. */
  awaitPartials(finalId: string, partialIds: readonly string[]): void {
    this.db.transaction(() => {
      for (const partialId of partialIds) this.statements.await.run(partialId, finalId);
    })();
  }

  finalsAwaiting(partialId: string): string[] {
    return this.statements.awaiting.all(partialId).map((row) => row.final_id);
  }

  stopAwaiting(finalId: string): void {
    this.statements.stopAwaiting.run(finalId);
  }

  listExpired(now: Date, limit: number): string[] {
    return this.statements.listExpired.all(now.getTime(), limit).map((row) => row.id);
  }

  isHealthy(): boolean {
    return this.db.open && this.statements.ping.get()?.ok === 1;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toRow(record: ContentRecord): Omit<Row, 'removed' | 'upload_metadata'> {
  return {
    id: record.id,
    tenant: record.tenant,
    creator_id: record.creatorId,
    name: record.name,
    content_type: record.contentType,
    size: record.size,
    offset: record.offset,
    ttl_seconds: record.ttlSeconds,
    created_at: record.createdAt.getTime(),
    updated_at: record.updatedAt.getTime(),
    expires_at: record.expiresAt.getTime(),
    concat: record.concat === undefined ? null : JSON.stringify(record.concat),
  };
}

function fromRow(row: Row): ContentRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    creatorId: row.creator_id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    offset: row.offset,
    ttlSeconds: row.ttl_seconds,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
    ...(row.concat === null ? {} : { concat: JSON.parse(row.concat) as ConcatRole }),
  };
}
