import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type BackendKind } from '../test-support/backends.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { startLockTestApp } from './test-support/lock-test-app.js';
import { type SlowPatch, slowPatch } from './test-support/slow-patch.js';
import { bytesOnDisk, bytesSpooled, waitForStoredBytes } from './test-support/stored-bytes.js';
import { createUpload, headOffset, TUS_AUTH, tusPatch } from './test-support/tus-http.js';

/**
 * One writer per upload, whatever the clients do: concurrent PATCHes, a HEAD during a PATCH,
 * a client that went silent, and a holder that will not let go in time (423).
 */

const KiB = 1024;
const auth = TUS_AUTH;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const split = (bytes: Buffer, parts: number) =>
  Array.from({ length: parts }, (_, i) =>
    bytes.subarray(
      Math.floor((i * bytes.length) / parts),
      Math.floor(((i + 1) * bytes.length) / parts),
    ),
  );

const patch = tusPatch;

/**
 * On S3, @tus/s3-store spools what a request receives to temp files: TMPDIR points at a dir of
 * this file's own while the s3 variants run, so tests can see how much a server received.
 */
let spoolDir: string | undefined;
const originalTmpdir = process.env.TMPDIR;
const received = (backend: BackendKind, dataDir: string) =>
  backend === 'fs' ? bytesOnDisk(dataDir) : bytesSpooled(spoolDir as string);
const useSpool = (backend: BackendKind) => {
  beforeAll(async () => {
    if (backend !== 's3') return;
    spoolDir = await mkdtemp(path.join(tmpdir(), 'tc-spool-'));
    process.env.TMPDIR = spoolDir;
  });
  afterAll(async () => {
    if (spoolDir === undefined) return;
    if (originalTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmpdir;
    await rm(spoolDir, { recursive: true, force: true });
    spoolDir = undefined;
  });
};

describe.each(BACKENDS)(
  'upload locking on the full app (drain 1 s, acquire timeout 3 s; %s storage)',
  (backend) => {
    useSpool(backend);
    let app: TestApp | undefined;
    let patches: SlowPatch[] = [];
    afterEach(async () => {
      for (const p of patches) p.destroy();
      patches = [];
      // Every request of the test is over; a keep-alive socket whose response finished just
      // after close() looked for idle ones would otherwise hold close() until keepAliveTimeout.
      app?.app.server.closeAllConnections();
      await app?.close();
      app = undefined;
    });

    const start = async () => {
      app = await createTestApp({ backend });
      const baseUrl = await app.listen();
      return { baseUrl, dataDir: app.dataDir, filesUrl: `${baseUrl}/api/v1/temp-contents/files` };
    };

    it('8 simultaneous PATCHes at offset 0 never mix bytes; losers get 409 or 423', async () => {
      const { baseUrl, filesUrl } = await start();
      const size = 256 * KiB;
      const url = await createUpload(filesUrl, size);
      const payloads = Array.from({ length: 8 }, () => randomBytes(size));
      patches = payloads.map((bytes) => slowPatch(url, 0, split(bytes, 32), { delayMs: 15 }));
      const answers = await Promise.all(patches.map((p) => p.response));

      const statuses = answers.map((a) => a?.status);
      for (const status of statuses) expect([204, 409, 423]).toContain(status);
      expect(statuses.filter((s) => s === 204).length).toBeGreaterThanOrEqual(1);
      for (const answer of answers) {
        if (answer !== undefined && answer.status >= 400) {
          expect(JSON.parse(answer.body).errors[0].code).toMatch(
            /^(OFFSET_MISMATCH|UPLOAD_LOCKED)$/,
          );
        }
      }

      // Whatever was stored is a prefix of exactly one client's payload; finish with that one.
      const { offset } = await headOffset(url);
      const acknowledged = answers
        .filter((a) => a?.status === 204)
        .map((a) => Number(a?.headers['upload-offset']));
      expect(Math.max(...acknowledged)).toBe(offset);
      const winners: Buffer[] = [];
      if (offset < size) {
        for (const bytes of payloads) {
          const response = await patch(url, offset, bytes.subarray(offset));
          if (response.status === 204) winners.push(bytes);
          else expect(response.status).toBe(409);
          if (response.status === 204) break;
        }
      }
      const id = url.split('/').pop() as string;
      const download = await fetch(`${baseUrl}/api/v1/temp-contents/${id}`, { headers: auth });
      expect(download.status).toBe(200);
      const stored = Buffer.from(await download.arrayBuffer());
      const matching = payloads.filter((bytes) =>
        bytes.subarray(0, offset).equals(stored.subarray(0, offset)),
      );
      expect(matching.length).toBe(1);
      expect(sha256(stored)).toBe(sha256(matching[0] as Buffer));
    });

    it('a HEAD during a stalled PATCH stops the writer, keeps its bytes, and the upload resumes', async () => {
      const { baseUrl, dataDir, filesUrl } = await start();
      const bytes = randomBytes(512 * KiB);
      const url = await createUpload(filesUrl, bytes.length);
      const firstPart = split(bytes.subarray(0, 200 * KiB), 8);
      // The client sends 200 KiB, then goes silent with the connection open (a dropped network
      // the server cannot see).
      const stalled = slowPatch(url, 0, firstPart, { delayMs: 5, stall: true });
      patches = [stalled];
      await stalled.sent;
      await waitForStoredBytes(received(backend, dataDir), url, 200 * KiB);

      const head = await headOffset(url);
      expect(head.status).toBe(200);
      expect(head.offset).toBe(200 * KiB);
      // The stopped writer is told how far it got.
      const answer = await stalled.response;
      expect(answer?.status).toBe(204);
      expect(answer?.headers['upload-offset']).toBe(String(200 * KiB));

      const resumed = await patch(url, head.offset, bytes.subarray(head.offset));
      expect(resumed.status).toBe(204);
      expect(resumed.headers.get('upload-offset')).toBe(String(bytes.length));
      const id = url.split('/').pop() as string;
      const download = await fetch(`${baseUrl}/api/v1/temp-contents/${id}`, { headers: auth });
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
    });

    it('a client that resumes with PATCH while its old PATCH still holds the lock takes over', async () => {
      const { dataDir, filesUrl } = await start();
      const bytes = randomBytes(300 * KiB);
      const url = await createUpload(filesUrl, bytes.length);
      const stalled = slowPatch(url, 0, split(bytes.subarray(0, 100 * KiB), 4), {
        delayMs: 5,
        stall: true,
      });
      patches = [stalled];
      await stalled.sent;
      await waitForStoredBytes(received(backend, dataDir), url, 100 * KiB);
      // The retry guesses the offset it last saw acknowledged (0): the lock is handed over, then
      // the offset check runs against what the old request stored.
      const retry = await patch(url, 0, bytes);
      expect(retry.status).toBe(409);
      expect((await stalled.response)?.status).toBe(204);
      const { offset } = await headOffset(url);
      expect(offset).toBe(100 * KiB);
      expect((await patch(url, offset, bytes.subarray(offset))).status).toBe(204);
    });
  },
);

describe.each(BACKENDS)(
  'upload locking when the holder outlasts the wait (drain 5 s, acquire timeout 300 ms; %s storage)',
  (backend) => {
    useSpool(backend);
    let server: Awaited<ReturnType<typeof startLockTestApp>> | undefined;
    let stalled: SlowPatch | undefined;
    afterEach(async () => {
      stalled?.destroy();
      await server?.close();
      server = undefined;
    });

    it('answers 423 with Retry-After to HEAD and PATCH, never 500, and frees the lock after', async () => {
      server = await startLockTestApp({ drainMs: 5000, acquireTimeoutMs: 300 }, backend);
      const bytes = randomBytes(64 * KiB);
      const url = await createUpload(server.filesUrl, bytes.length);
      stalled = slowPatch(url, 0, [bytes.subarray(0, 16 * KiB)], { delayMs: 5, stall: true });
      await stalled.sent;
      await waitForStoredBytes(received(backend, server.dataDir), url, 16 * KiB);

      const head = await fetch(url, { method: 'HEAD', headers: auth });
      expect(head.status).toBe(423);
      expect(head.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      expect(head.headers.get('tus-resumable')).toBe('1.0.0');

      const locked = await patch(url, 0, bytes);
      expect(locked.status).toBe(423);
      expect(locked.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      expect(locked.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await locked.json()).errors[0].code).toBe('UPLOAD_LOCKED');

      // The client of the stalled PATCH goes away: its lock is released, the bytes it sent kept.
      stalled.destroy();
      let after = await headOffset(url);
      for (let i = 0; i < 50 && after.status !== 200; i += 1) {
        await sleep(50);
        after = await headOffset(url);
      }
      expect(after).toEqual({ status: 200, offset: 16 * KiB });
    });
  },
);
