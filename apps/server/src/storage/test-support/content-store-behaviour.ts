import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { MemoryLocker } from '@tus/server';
import { Upload } from '@tus/utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FinalUploads } from '../../tus/concatenation/final-uploads.js';
import { RecordingDataStore } from '../../tus/recording-data-store.js';
import type { ContentRecord } from '../content-record.js';
import { BytesMissingError, type ContentStore } from '../content-store.js';

export interface ContentStoreHarness {
  /** A fresh, empty store. */
  open(): Promise<ContentStore>;
  /** A second store on the same backing storage as the last `open()` (restart), if supported. */
  reopen?(): Promise<ContentStore>;
  /** Removes whatever `open()` created. */
  cleanup(): Promise<void>;
}

let sequence = 0;

export function makeRecord(overrides: Partial<ContentRecord> = {}): ContentRecord {
  const createdAt = new Date(Date.UTC(2030, 0, 1, 12, 0, 0, 123));
  sequence += 1;
  return {
    id: `${randomBytes(15).toString('hex')}${String(sequence).padStart(2, '0')}`,
    tenant: 'acme',
    creatorId: 'alice',
    name: 'report.csv',
    contentType: 'text/csv',
    size: 0,
    offset: 0,
    ttlSeconds: 3600,
    createdAt,
    updatedAt: createdAt,
    expiresAt: new Date(createdAt.getTime() + 3600_000),
    ...overrides,
  };
}

/** Inserts a record and writes `bytes` through the store's tus DataStore, as an upload does. */
export async function storeBytes(
  store: ContentStore,
  bytes: Buffer,
  overrides: Partial<ContentRecord> = {},
): Promise<ContentRecord> {
  const record = makeRecord({ size: bytes.length, ...overrides });
  await store.insert(record);
  await store.tusStore.create(new Upload({ id: record.id, size: bytes.length, offset: 0 }));
  const offset = await store.tusStore.write(Readable.from([bytes]), record.id, 0);
  await store.updateProgress(record.id, { offset, updatedAt: record.updatedAt });
  return { ...record, offset };
}

/**
 * The behaviour every ContentStore backend must have. Each backend's test file calls this
 * with its own harness, so disk+SQLite and any future S3+Redis store run the same checks.
 */
export function describeContentStore(backend: string, harness: ContentStoreHarness): void {
  describe(`ContentStore behaviour: ${backend}`, () => {
    let store: ContentStore;

    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
      await harness.cleanup();
    });

    it('returns an inserted record unchanged', async () => {
      const record = makeRecord({ name: 'résumé 📄.pdf', size: 2 ** 53 - 1 });
      await store.insert(record);
      expect(await store.get(record.id)).toEqual(record);
    });

    it('keeps a deferred length as null', async () => {
      const record = makeRecord({ size: null });
      await store.insert(record);
      expect((await store.get(record.id))?.size).toBeNull();
    });

    it('returns undefined for an unknown id', async () => {
      expect(await store.get('0123456789abcdef0123456789abcdef')).toBeUndefined();
    });

    it('refuses a second record with the same id', async () => {
      const record = makeRecord();
      await store.insert(record);
      await expect(store.insert({ ...record, name: 'other' })).rejects.toThrow();
      expect((await store.get(record.id))?.name).toBe(record.name);
    });

    it('records progress, and the size once a deferred length is declared', async () => {
      const record = makeRecord({ size: null });
      await store.insert(record);
      const later = new Date(record.createdAt.getTime() + 5000);
      await store.updateProgress(record.id, { offset: 10, updatedAt: later });
      expect(await store.get(record.id)).toMatchObject({
        offset: 10,
        size: null,
        updatedAt: later,
      });
      await store.updateProgress(record.id, { offset: 20, size: 20, updatedAt: later });
      expect(await store.get(record.id)).toMatchObject({ offset: 20, size: 20 });
    });

    it('rejects progress for an unknown id', async () => {
      await expect(
        store.updateProgress('0123456789abcdef0123456789abcdef', {
          offset: 1,
          updatedAt: new Date(),
        }),
      ).rejects.toThrow();
    });

    it.each([
      ['whole content', 1000, undefined],
      ['first byte', 1000, { start: 0, end: 0 }],
      ['last byte', 1000, { start: 999, end: 999 }],
      ['middle range', 1000, { start: 100, end: 899 }],
      ['one-byte content', 1, undefined],
    ])('reads back the written bytes: %s', async (_name, size, range) => {
      const bytes = randomBytes(size);
      const record = await storeBytes(store, bytes);
      const read = await buffer(await store.openRead(record.id, range));
      const want = range === undefined ? bytes : bytes.subarray(range.start, range.end + 1);
      expect(read.equals(want)).toBe(true);
    });

    it('stores and reads a zero-byte content', async () => {
      const record = await storeBytes(store, Buffer.alloc(0));
      expect(record.offset).toBe(0);
      expect((await buffer(await store.openRead(record.id))).length).toBe(0);
    });

    it('removes bytes and record, and ignores unknown ids', async () => {
      const record = await storeBytes(store, randomBytes(64));
      await store.remove(record.id);
      expect(await store.get(record.id)).toBeUndefined();
      await expect(store.openRead(record.id)).rejects.toBeInstanceOf(BytesMissingError);
      await expect(store.remove(record.id)).resolves.toBeUndefined();
      await expect(store.remove('../../etc/passwd')).resolves.toBeUndefined();
    });

    it.each([
      ['removed', (s: ContentStore, id: string) => s.remove(id)],
      ['discarded', (s: ContentStore, id: string) => s.discard(id)],
      [
        'purged at expiry',
        async (s: ContentStore, id: string) => {
          expect(await s.purgeExpired(id, new Date(Date.UTC(2030, 0, 2)))).toBe(true);
        },
      ],
    ])('an unfinished upload %s leaves neither bytes nor upload info', async (_name, drop) => {
      const record = makeRecord({ size: 100, expiresAt: new Date(Date.UTC(2030, 0, 1, 13)) });
      await store.insert(record);
      await store.tusStore.create(new Upload({ id: record.id, size: 100, offset: 0 }));
      await store.tusStore.write(Readable.from([randomBytes(40)]), record.id, 0);
      await drop(store, record.id);
      expect(await store.get(record.id)).toBeUndefined();
      await expect(store.tusStore.getUpload(record.id)).rejects.toBeDefined();
      await expect(store.openRead(record.id)).rejects.toBeInstanceOf(BytesMissingError);
      expect(await store.listExpired(new Date(Date.UTC(2031, 0, 1)), 10)).toEqual([]);
    });

    it('lists only expired ids, oldest first, at most `limit`', async () => {
      const now = new Date(Date.UTC(2030, 0, 2));
      const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
      const expiredLate = makeRecord({ expiresAt: at(-1000) });
      const expiredEarly = makeRecord({ expiresAt: at(-5000) });
      const expiringNow = makeRecord({ expiresAt: at(0) });
      const alive = makeRecord({ expiresAt: at(1) });
      for (const record of [expiredLate, alive, expiredEarly, expiringNow]) {
        await store.insert(record);
      }
      expect(await store.listExpired(now, 10)).toEqual([
        expiredEarly.id,
        expiredLate.id,
        expiringNow.id,
      ]);
      expect(await store.listExpired(now, 2)).toEqual([expiredEarly.id, expiredLate.id]);
      expect(await store.listExpired(at(-10_000), 10)).toEqual([]);
    });

    it('purges an expired content exactly once, and never one still alive', async () => {
      const now = new Date(Date.UTC(2030, 0, 2));
      const expired = await storeBytes(store, randomBytes(10), {
        expiresAt: new Date(now.getTime() - 1),
      });
      const alive = await storeBytes(store, randomBytes(10), {
        expiresAt: new Date(now.getTime() + 1000),
      });
      const results = await Promise.all([
        store.purgeExpired(expired.id, now),
        store.purgeExpired(expired.id, now),
        store.purgeExpired(expired.id, now),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.get(expired.id)).toBeUndefined();
      await expect(store.openRead(expired.id)).rejects.toThrow();
      expect(await store.purgeExpired(expired.id, now)).toBe(false);
      expect(await store.purgeExpired(alive.id, now)).toBe(false);
      expect(await store.get(alive.id)).toBeDefined();
      expect(await store.purgeExpired('0123456789abcdef0123456789abcdef', now)).toBe(false);
    });

    it('keeps the concatenation role of partial and final records', async () => {
      const partial = makeRecord({ concat: { kind: 'partial' } });
      const final = makeRecord({
        concat: { kind: 'final', partialIds: [partial.id], partialUrls: [`/x/${partial.id}`] },
      });
      for (const record of [partial, final]) await store.insert(record);
      expect(await store.get(partial.id)).toEqual(partial);
      expect(await store.get(final.id)).toEqual(final);
      expect((await store.get(final.id))?.concat).toEqual(final.concat);
    });

    it('notes which final uploads await a partial, and forgets them', async () => {
      const [a, b] = [makeRecord().id, makeRecord().id];
      const first = makeRecord({ concat: { kind: 'final', partialIds: [a, b], partialUrls: [] } });
      const second = makeRecord({ concat: { kind: 'final', partialIds: [b], partialUrls: [] } });
      await store.insert(second);
      await store.awaitPartials(first.id, [a, b]);
      await store.awaitPartials(second.id, [b]);
      expect((await store.finalsAwaiting(b)).sort()).toEqual([first.id, second.id].sort());
      await store.stopAwaiting(first.id, [a, b]);
      expect(await store.finalsAwaiting(a)).toEqual([]);
      expect(await store.finalsAwaiting(b)).toEqual([second.id]);
      // Removing a final upload forgets what it waited for.
      await store.remove(second.id);
      expect(await store.finalsAwaiting(b)).toEqual([]);
    });

    describe('assembly of a final upload (concatenation)', () => {
      const clock = () => new Date(Date.UTC(2030, 0, 1, 12, 30));
      const locker = new MemoryLocker({ acquireLockTimeout: 3000 });
      const sizes = [3000, 0, 1500];
      let finals: FinalUploads;
      let parts: Buffer[];
      let partials: ContentRecord[];
      let final: ContentRecord;

      beforeEach(async () => {
        finals = new FinalUploads(store, new RecordingDataStore(store, clock), clock);
        parts = sizes.map((size) => randomBytes(size));
        partials = [];
        for (const bytes of parts) {
          partials.push(await storeBytes(store, bytes, { concat: { kind: 'partial' } }));
        }
        final = makeRecord({
          size: 4500,
          concat: {
            kind: 'final',
            partialIds: partials.map((partial) => partial.id),
            partialUrls: partials.map((partial) => `/files/${partial.id}`),
          },
        });
        await finals.create(final, { filename: 'all.bin' });
      });

      it('copies the partials in order, resuming after bytes already copied', async () => {
        // As if an earlier assembly was cut after 1000 bytes of the first partial.
        await store.tusStore.write(Readable.from([parts[0]?.subarray(0, 1000)]), final.id, 0);
        expect(await finals.assemble(final.id, locker)).toBe('complete');
        expect(await store.get(final.id)).toMatchObject({ offset: 4500, size: 4500 });
        const all = Buffer.concat(parts);
        expect((await buffer(await store.openRead(final.id))).equals(all)).toBe(true);
        const across = await buffer(await store.openRead(final.id, { start: 2990, end: 3009 }));
        expect(across.equals(all.subarray(2990, 3010))).toBe(true);
        expect(await store.finalsAwaiting(partials[0]?.id as string)).toEqual([]);
        // The final content needs its partials no more.
        for (const partial of partials) await store.remove(partial.id);
        expect((await buffer(await store.openRead(final.id))).equals(all)).toBe(true);
        expect(await finals.assemble(final.id, locker)).toBe('complete');
      });

      it('copies partials larger than a multipart part, across part boundaries', async () => {
        const [first, second] = [9 * 1024 * 1024, 3 * 1024 * 1024 + 1];
        const big = [first, second].map((size) => randomBytes(size));
        const ids: string[] = [];
        for (const bytes of big) {
          ids.push((await storeBytes(store, bytes, { concat: { kind: 'partial' } })).id);
        }
        const large = makeRecord({
          size: first + second,
          concat: { kind: 'final', partialIds: ids, partialUrls: [] },
        });
        await finals.create(large, {});
        expect(await finals.assemble(large.id, locker)).toBe('complete');
        const all = Buffer.concat(big);
        expect((await buffer(await store.openRead(large.id))).equals(all)).toBe(true);
        const boundary = 8 * 1024 * 1024;
        const across = await buffer(
          await store.openRead(large.id, { start: boundary - 5, end: boundary + 4 }),
        );
        expect(across.equals(all.subarray(boundary - 5, boundary + 5))).toBe(true);
      });

      it('waits for an unfinished partial, and is broken once a partial is gone', async () => {
        const unfinished = makeRecord({ size: 10, concat: { kind: 'partial' } });
        await store.insert(unfinished);
        const waiting = makeRecord({
          size: 10,
          concat: { kind: 'final', partialIds: [unfinished.id], partialUrls: [] },
        });
        await finals.create(waiting, {});
        expect(await store.finalsAwaiting(unfinished.id)).toEqual([waiting.id]);
        expect(await finals.assemble(waiting.id, locker)).toBe('waiting');
        expect((await store.get(waiting.id))?.offset).toBe(0);
        await store.remove(partials[2]?.id as string);
        expect(await finals.assemble(final.id, locker)).toBe('broken');
        expect((await store.get(final.id))?.offset).toBe(0);
      });
    });

    it('is ready while open', async () => {
      expect(await store.isReady()).toBe(true);
    });

    it.runIf(harness.reopen !== undefined)('keeps records and bytes across a restart', async () => {
      const bytes = randomBytes(4096);
      const record = await storeBytes(store, bytes);
      await store.close();
      store = await (harness.reopen as () => Promise<ContentStore>)();
      expect(await store.get(record.id)).toEqual(record);
      expect((await buffer(await store.openRead(record.id))).equals(bytes)).toBe(true);
    });
  });
}
