// Expiry sweep benchmark (prints figures; never asserts timings).
//
// The sweeper's cost should grow with the number of contents that expired, not with the number
// stored. For each stored count (default 1 000, 10 000 and 100 000) this fills a fresh
// FileContentStore's index with that many records, of which a fixed number (default 500) have
// expired, then times one ExpirySweeper pass (find the expired ids, remove each). If the cost
// follows the expired count, the pass takes about as long on every row.
//
//   pnpm --filter @temp-contents/bench bench:sweep [storedCount ...]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type ContentRecord,
  ContentService,
  ExpirySweeper,
  type ExpirySweeperOptions,
  FileContentStore,
} from '@temp-contents/server';

const EXPIRED = 500;
const counts = (
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['1000', '10000', '100000']
).map((s) => {
  const count = Number(s);
  if (!Number.isInteger(count) || count < EXPIRED) {
    throw new Error(`a stored count of at least ${EXPIRED} expected, got ${s}`);
  }
  return count;
});

const quietLog = { info() {}, error() {} } as unknown as ExpirySweeperOptions['log'];
const now = new Date('2026-01-01T00:00:00Z');

function record(index: number, expired: boolean): ContentRecord {
  const createdAt = new Date(now.getTime() - 60_000);
  const ttlSeconds = expired ? 30 : 3600;
  return {
    id: `bench${String(index).padStart(8, '0')}`,
    tenant: 'bench',
    creatorId: 'bench',
    name: `file-${index}.bin`,
    contentType: 'application/octet-stream',
    size: 0,
    offset: 0,
    ttlSeconds,
    createdAt,
    updatedAt: createdAt,
    expiresAt: new Date(createdAt.getTime() + ttlSeconds * 1000),
  };
}

const rows = [];
for (const stored of counts) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tc-bench-sweep-'));
  const store = new FileContentStore(dataDir);
  try {
    // Expired records spread evenly through the table, as they would be in real life.
    const every = Math.floor(stored / EXPIRED);
    for (let i = 0; i < stored; i++) {
      await store.insert(record(i, i % every === 0 && i / every < EXPIRED));
    }
    const sweeper = new ExpirySweeper({
      service: new ContentService(store, () => now),
      intervalMs: 60_000,
      log: quietLog,
    });
    const started = performance.now();
    const removed = await sweeper.sweepOnce();
    const ms = performance.now() - started;
    const leftExpired = (await store.listExpired(now, stored)).length;
    rows.push({
      stored,
      expired: removed,
      'left expired': leftExpired,
      'sweep pass (ms)': Number(ms.toFixed(1)),
      'per removed (µs)': Math.round((ms * 1000) / removed),
    });
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
console.log(`node ${process.version}; one ExpirySweeper pass over a FileContentStore per row`);
console.table(rows);
