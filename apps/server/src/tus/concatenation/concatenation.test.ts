import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, backendEnv } from '../../test-support/backends.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { TUS_AUTH, tusPatch } from '../test-support/tus-http.js';

/**
 * concatenation-unfinished beyond one request: the final upload's awaiting list lives in the
 * store, so the last partial may complete on another process (a restarted one on disk, another
 * replica on S3 + Redis) and still complete the final; partials completing at the same moment
 * (each PATCH starting an assembly, one at a time under the final's lock) give it exactly the
 * concatenated bytes.
 */

const files = (baseUrl: string) => `${baseUrl}/api/v1/temp-contents/files`;

async function createPartial(baseUrl: string, length: number): Promise<string> {
  const response = await fetch(files(baseUrl), {
    method: 'POST',
    headers: { ...TUS_AUTH, 'upload-length': String(length), 'upload-concat': 'partial' },
  });
  expect(response.status).toBe(201);
  return response.headers.get('location') as string;
}

async function createFinal(baseUrl: string, partials: string[]): Promise<string> {
  const response = await fetch(files(baseUrl), {
    method: 'POST',
    headers: { ...TUS_AUTH, 'upload-concat': `final;${partials.join(' ')}` },
  });
  expect(response.status, await response.text()).toBe(201);
  return response.headers.get('location') as string;
}

async function content(baseUrl: string, finalUrl: string): Promise<Response> {
  const id = finalUrl.split('/').pop() as string;
  return fetch(`${baseUrl}/api/v1/temp-contents/${id}`, {
    headers: { authorization: TUS_AUTH.authorization },
  });
}

describe.each(BACKENDS)('tus concatenation across processes (%s storage)', (backend) => {
  const apps: TestApp[] = [];
  let dataDir: string | undefined;

  afterEach(async () => {
    for (const app of apps.splice(0)) {
      app.app.server.closeAllConnections();
      await app.close();
    }
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  /** An app on the storage every app of this test shares (data dir, or bucket + Redis). */
  const start = async (env: Record<string, string>) => {
    // backend 'fs' adds nothing; `env` says which storage (TC_STORAGE=s3 for the bucket).
    const app = await createTestApp({ env, dataDir: dataDir as string });
    apps.push(app);
    return app.listen();
  };

  it('the last partial completed by another process completes the final upload', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tc-concat-'));
    const env = await backendEnv(backend);
    const first = await start(env);
    const done = await createPartial(first, 5);
    expect((await tusPatch(done, 0, Buffer.from('01234'))).status).toBe(204);
    const unfinished = await createPartial(first, 5);
    expect((await tusPatch(unfinished, 0, Buffer.from('567'))).status).toBe(204);
    const finalUrl = await createFinal(first, [done, unfinished]);
    expect((await content(first, finalUrl)).status).toBe(204);

    // On disk one process owns the data dir: restart it. On S3, a second replica beside it.
    if (backend === 'fs') await (apps.shift() as TestApp).close();
    const second = await start(env);
    const on = (url: string) => url.replace(/^http:\/\/[^/]+/, second);
    expect((await tusPatch(on(unfinished), 3, Buffer.from('89'))).status).toBe(204);

    const reader = backend === 'fs' ? second : first;
    const download = await content(reader, finalUrl);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('0123456789');
    const head = await fetch(finalUrl.replace(/^http:\/\/[^/]+/, reader), {
      method: 'HEAD',
      headers: TUS_AUTH,
    });
    expect(head.headers.get('upload-offset')).toBe('10');
  });

  it('partials completing at the same time assemble the final upload byte for byte', async () => {
    const baseUrl = await start(await backendEnv(backend));
    const parts = [96, 1, 64, 128].map((kib) => randomBytes(kib * 1024));
    const partials: string[] = [];
    for (const bytes of parts) {
      const url = await createPartial(baseUrl, bytes.length);
      const half = Math.floor(bytes.length / 2);
      expect((await tusPatch(url, 0, bytes.subarray(0, half))).status).toBe(204);
      partials.push(url);
    }
    const finalUrl = await createFinal(baseUrl, partials);
    const finishing = await Promise.all(
      partials.map((url, i) => {
        const bytes = parts[i] as Buffer;
        const half = Math.floor(bytes.length / 2);
        return tusPatch(url, half, bytes.subarray(half));
      }),
    );
    expect(finishing.map((response) => response.status)).toEqual([204, 204, 204, 204]);
    const download = await content(baseUrl, finalUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.concat(parts))).toBe(true);
  });
});
