import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';
import { type SlowPatch, slowPatch } from '../tus/test-support/slow-patch.js';
import { createUpload, headOffset } from '../tus/test-support/tus-http.js';

/**
 * TC_IDLE_TIMEOUT_MS: a connection silent for that long is closed, whatever it was doing; one
 * that keeps moving is never cut, however long it takes. 600 ms here (the setting's floor is
 * 1 s; tests set the parsed config directly).
 */
const IDLE_MS = 600;
const KiB = 1024;

describe('idle timeout', () => {
  let app: TestApp | undefined;
  let patches: SlowPatch[] = [];
  afterEach(async () => {
    for (const p of patches) p.destroy();
    patches = [];
    await app?.close();
    app = undefined;
  });

  const start = async () => {
    app = await createTestApp({
      configure: (config) => {
        config.idleTimeoutMs = IDLE_MS;
      },
    });
    return app.listen();
  };

  const filesUrl = (baseUrl: string) => `${baseUrl}/api/v1/temp-contents/files`;

  it('closes a tus PATCH that went silent; the bytes it sent are kept and the upload is free', async () => {
    const baseUrl = await start();
    const url = await createUpload(filesUrl(baseUrl), 100 * KiB);
    const stalled = slowPatch(url, 0, [randomBytes(40 * KiB)], { delayMs: 1, stall: true });
    patches = [stalled];
    // The server cuts the connection (no answer can be sent on it any more).
    expect(await stalled.response).toBeUndefined();

    expect(await headOffset(url)).toEqual({ status: 200, offset: 40 * KiB });
  });

  it('closes a plain upload whose body stopped coming, and keeps nothing of it', async () => {
    const baseUrl = await start();
    const closed = await new Promise<string>((resolve) => {
      const req = http.request(`${baseUrl}/api/v1/temp-contents?filename=stalled.bin`, {
        method: 'POST',
        headers: { ...bearer(TOKENS.alice), 'content-length': String(100 * KiB) },
      });
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', () => resolve('closed'));
      req.on('close', () => resolve('closed'));
      req.write(randomBytes(10 * KiB));
    });
    expect(closed).toBe('closed');
    // A plain upload is all or nothing: the cut one is removed, bytes and record.
    const files = path.join(app?.dataDir ?? '', 'files');
    let left = await readdir(files);
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await sleep(20);
      left = await readdir(files);
    }
    expect(left).toEqual([]);
  });

  it('never cuts a transfer that keeps moving, however long it lasts', async () => {
    const baseUrl = await start();
    const chunks = Array.from({ length: 14 }, () => randomBytes(4 * KiB));
    const url = await createUpload(filesUrl(baseUrl), 56 * KiB);
    // 14 writes 100 ms apart: 1.4 s in all, more than two idle timeouts, never idle for one
    // (client and server share this process, so only a 500 ms stall of it could cut this).
    const steady = slowPatch(url, 0, chunks, { delayMs: 100 });
    patches = [steady];
    const answer = await steady.response;
    expect(answer?.status).toBe(204);
    expect(answer?.headers['upload-offset']).toBe(String(56 * KiB));
  });
});
