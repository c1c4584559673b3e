import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentService } from '../contents/content-service.js';
import { FileContentStore } from '../storage/file-content-store.js';
import { storeBytes } from '../storage/test-support/content-store-behaviour.js';
import { ExpirySweeper } from './expiry-sweeper.js';

describe('ExpirySweeper', () => {
  let dir: string;
  let store: FileContentStore;
  const now = new Date(Date.UTC(2030, 0, 1));
  const at = (ms: number) => new Date(now.getTime() + ms);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tc-sweep-'));
    store = new FileContentStore(dir);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('removes every expired content in batches, bytes and record, and nothing else', async () => {
    const expired = [];
    for (let i = 0; i < 5; i++)
      expired.push(await storeBytes(store, Buffer.from(`e${i}`), { expiresAt: at(-i - 1) }));
    const alive = await storeBytes(store, Buffer.from('alive'), { expiresAt: at(1) });
    const sweeper = new ExpirySweeper({
      service: new ContentService(store, () => now),
      intervalMs: 60_000,
      log: pino({ level: 'silent' }),
      batchSize: 2,
    });

    expect(await sweeper.sweepOnce()).toBe(5);
    for (const record of expired) expect(await store.get(record.id)).toBeUndefined();
    expect(await store.get(alive.id)).toBeDefined();
    expect(await readdir(path.join(dir, 'files'))).toEqual([alive.id]);
    expect(await sweeper.sweepOnce()).toBe(0);
  });

  it('never runs two passes at once', async () => {
    await storeBytes(store, Buffer.from('x'), { expiresAt: at(-1) });
    const sweeper = new ExpirySweeper({
      service: new ContentService(store, () => now),
      intervalMs: 60_000,
      log: pino({ level: 'silent' }),
    });
    const [a, b] = [sweeper.sweepOnce(), sweeper.sweepOnce()];
    expect(a).toBe(b);
    expect(await a).toBe(1);
  });

  it('runs on its interval once started and stops cleanly', async () => {
    await storeBytes(store, Buffer.from('x'), { expiresAt: at(-1) });
    const sweeper = new ExpirySweeper({
      service: new ContentService(store, () => now),
      intervalMs: 100,
      log: pino({ level: 'silent' }),
    });
    sweeper.start();
    for (let i = 0; i < 100 && (await store.listExpired(now, 10)).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await sweeper.stop();
    expect(await store.listExpired(now, 10)).toEqual([]);
  });
});
