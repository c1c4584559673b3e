import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, backendEnv } from '../test-support/backends.js';
import {
  ensureServerBuilt,
  type ServerProcess,
  startServerProcess,
} from '../test-support/server-process.js';
import { slowPatch } from './test-support/slow-patch.js';
import { createUpload, headThroughLock, TUS_AUTH, tusPatch } from './test-support/tus-http.js';

/**
 * Crash safety: the server process is killed with SIGKILL in the middle of a PATCH (or right
 * after one), restarted on the same storage (data dir, or bucket + Redis), and then HEAD
 * must report an offset no larger
 * than what the client sent, every byte below it must be the client's, and resuming from it
 * must complete the upload with an identical sha256.
 */

const KiB = 1024;
const SIZE = 1024 * KiB;
const FIRST = 128 * KiB; // acknowledged by a complete PATCH before the crash
const auth = TUS_AUTH;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const patch = tusPatch;

/** Where the kill lands, as bytes of the in-flight PATCH body handed to the socket. */
const CUT_POINTS = [
  { name: 'after the PATCH headers, before any body byte', sent: 0 },
  { name: 'in the middle of a 64 KiB write', sent: 64 * KiB + 12_345 },
  { name: 'right after a 256 KiB chunk', sent: 256 * KiB },
  { name: 'one byte before the end of the upload', sent: SIZE - FIRST - 1 },
];

describe.each(BACKENDS)(
  'SIGKILL in the middle of a PATCH, then restart and resume (%s storage)',
  (backend) => {
    let dataDir: string | undefined;
    let server: ServerProcess | undefined;
    let env: Record<string, string> = {};

    beforeAll(() => {
      ensureServerBuilt();
    }, 120_000);
    afterEach(async () => {
      await server?.kill9();
      server = undefined;
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
      dataDir = undefined;
    });

    const restart = async () => {
      await server?.kill9();
      server = await startServerProcess(dataDir as string, env);
      return server;
    };

    /** A fresh server on fresh storage with one upload of SIZE bytes created; its id. */
    const startWithUpload = async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'tc-tus-crash-'));
      env = await backendEnv(backend);
      const running = await restart();
      const location = await createUpload(`${running.baseUrl}/api/v1/temp-contents/files`, SIZE);
      return { running, id: location.split('/').pop() as string };
    };

    it.each(CUT_POINTS)('cut $name', async ({ sent }) => {
      const bytes = randomBytes(SIZE);
      let { running, id } = await startWithUpload();
      const uploadUrl = () => `${running.baseUrl}/api/v1/temp-contents/files/${id}`;
      expect((await patch(uploadUrl(), 0, bytes.subarray(0, FIRST))).status).toBe(204);

      // The in-flight PATCH: `sent` bytes in 4 KiB writes, then the client waits, connection open.
      const body = bytes.subarray(FIRST, FIRST + sent);
      const chunks = Array.from({ length: Math.ceil(body.length / (4 * KiB)) }, (_, i) =>
        body.subarray(i * 4 * KiB, (i + 1) * 4 * KiB),
      );
      const inFlight = slowPatch(uploadUrl(), FIRST, chunks, { delayMs: 0, stall: true });
      await inFlight.sent;
      await sleep(200); // let the server write what it has received
      await running.kill9();
      expect(await inFlight.response).toBeUndefined(); // the server never answered

      running = await restart();
      const head = await headThroughLock(uploadUrl());
      expect(head.status).toBe(200);
      const offset = Number(head.headers.get('upload-offset'));
      expect(offset).toBeGreaterThanOrEqual(FIRST);
      expect(offset).toBeLessThanOrEqual(FIRST + sent);
      expect(head.headers.get('upload-length')).toBe(String(SIZE));
      const early = await fetch(`${running.baseUrl}/api/v1/temp-contents/${id}`, { headers: auth });
      expect(early.status).toBe(204);

      // Resume from the reported offset; if any stored byte below it were not the client's,
      // the sha256 of the download would differ.
      const resumed = await patch(uploadUrl(), offset, bytes.subarray(offset));
      expect(resumed.status).toBe(204);
      expect(resumed.headers.get('upload-offset')).toBe(String(SIZE));
      const download = await fetch(`${running.baseUrl}/api/v1/temp-contents/${id}`, {
        headers: auth,
      });
      expect(download.status).toBe(200);
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
    });

    it('a PATCH acknowledged just before the kill stays acknowledged, and the last one completes the content', async () => {
      const bytes = randomBytes(SIZE);
      let { running, id } = await startWithUpload();
      const url = () => `${running.baseUrl}/api/v1/temp-contents/files/${id}`;

      expect((await patch(url(), 0, bytes.subarray(0, FIRST))).status).toBe(204);
      await running.kill9();
      running = await restart();
      const head = await headThroughLock(url());
      expect(head.headers.get('upload-offset')).toBe(String(FIRST));

      expect((await patch(url(), FIRST, bytes.subarray(FIRST))).status).toBe(204);
      await running.kill9();
      running = await restart();
      const download = await fetch(`${running.baseUrl}/api/v1/temp-contents/${id}`, {
        headers: auth,
      });
      expect(download.status).toBe(200);
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
    });
  },
);
