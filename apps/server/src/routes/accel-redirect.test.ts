import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type RunningBalancer, startBalancer } from '@temp-contents/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

/**
 * TC_ACCEL_REDIRECT: the server decides (auth, tenant, 204/404/410/416, the range) and nginx
 * sends the bytes. A real nginx from Debian in front of a server with the setting must answer
 * every download exactly as a server without it does, seen directly: status, the headers a
 * client relies on, and the bytes.
 */
const PREFIX = '/_tc_files/';
const COMPARED = [
  'content-type',
  'content-length',
  'content-range',
  'content-disposition',
  'accept-ranges',
  'etag',
  'last-modified',
  'cache-control',
  'x-content-type-options',
  'content-security-policy',
];

let offloading: TestApp;
let direct: TestApp;
let nginx: RunningBalancer;
let directBase: string;
let offloadingBase: string;
const bytes = randomBytes(256 * 1024 + 7);
let id: string;
let incompleteId: string;

beforeAll(async () => {
  offloading = await createTestApp({ env: { TC_ACCEL_REDIRECT: PREFIX } });
  offloadingBase = await offloading.listen();
  // The reference: a server without the setting, on the same data (reads only).
  direct = await createTestApp({ dataDir: offloading.dataDir });
  directBase = await direct.listen();
  nginx = await startBalancer({
    upstreams: [offloadingBase],
    accel: { prefix: PREFIX, directory: path.join(offloading.dataDir, 'files') },
  });
  const created = await fetch(
    `${offloadingBase}/api/v1/temp-contents?filename=r%C3%A9sum%C3%A9.pdf`,
    {
      method: 'POST',
      headers: bearer(TOKENS.alice),
      body: bytes,
    },
  );
  expect(created.status).toBe(201);
  id = ((await created.json()) as { ID: string }).ID;
  const tus = await fetch(`${offloadingBase}/api/v1/temp-contents/files`, {
    method: 'POST',
    headers: { ...bearer(TOKENS.alice), 'tus-resumable': '1.0.0', 'upload-length': '10' },
  });
  incompleteId = (tus.headers.get('location') as string).split('/').pop() as string;
}, 60_000);
afterAll(async () => {
  await nginx?.stop();
  await direct?.close();
  await offloading?.close();
});

describe('downloads sent by nginx (TC_ACCEL_REDIRECT)', () => {
  type Case = [string, () => string, (etag: string) => Record<string, string>, number];
  it.each<Case>([
    ['the whole content', () => id, () => ({}), 200],
    ['inline', () => `${id}?inline=1`, () => ({}), 200],
    ['a range', () => id, () => ({ range: 'bytes=0-9' }), 206],
    ['an open range', () => id, () => ({ range: 'bytes=1000-' }), 206],
    ['a suffix range', () => id, () => ({ range: 'bytes=-5' }), 206],
    ['a range past the end (clamped)', () => id, () => ({ range: 'bytes=262000-999999999' }), 206],
    [
      'a range under a matching If-Range',
      () => id,
      (etag) => ({ range: 'bytes=0-9', 'if-range': etag }),
      206,
    ],
    [
      'a range under a stale If-Range',
      () => id,
      () => ({ range: 'bytes=0-9', 'if-range': '"old"' }),
      200,
    ],
    ['several ranges (ignored)', () => id, () => ({ range: 'bytes=0-1,5-6' }), 200],
    ['an unsatisfiable range', () => id, () => ({ range: 'bytes=999999-' }), 416],
    ['a content still uploading', () => incompleteId, () => ({}), 204],
    ['an unknown id', () => 'f'.repeat(32), () => ({}), 404],
  ])('%s', async (_name, target, extra, status) => {
    const headers = { ...bearer(TOKENS.alice), ...extra(`"${id}-${bytes.length}"`) };
    const want = await fetch(`${directBase}/api/v1/temp-contents/${target()}`, { headers });
    const got = await fetch(`${nginx.baseUrl}/api/v1/temp-contents/${target()}`, { headers });
    expect(want.status).toBe(status);
    expect(got.status).toBe(want.status);
    for (const name of COMPARED) expect(got.headers.get(name), name).toBe(want.headers.get(name));
    expect(got.headers.get('x-accel-redirect')).toBeNull();
    if (status >= 400) {
      // Envelopes differ only by their traceId.
      const { traceId: _a, ...gotError } = await got.json();
      const { traceId: _b, ...wantError } = await want.json();
      expect(gotError).toEqual(wantError);
    } else {
      const gotBytes = Buffer.from(await got.arrayBuffer());
      expect(gotBytes.equals(Buffer.from(await want.arrayBuffer()))).toBe(true);
    }
  });

  it('hands the bytes of a plain download to nginx, and answers HEAD itself', async () => {
    const handed = await fetch(`${offloadingBase}/api/v1/temp-contents/${id}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(handed.status).toBe(200);
    expect(handed.headers.get('x-accel-redirect')).toBe(`${PREFIX}${id}`);
    expect((await handed.arrayBuffer()).byteLength).toBe(0);
    const head = await fetch(`${offloadingBase}/api/v1/temp-contents/${id}`, {
      method: 'HEAD',
      headers: bearer(TOKENS.alice),
    });
    expect(head.headers.get('x-accel-redirect')).toBeNull();
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
  });

  it('keeps the files location internal: nginx refuses it from outside', async () => {
    const response = await fetch(`${nginx.baseUrl}${PREFIX}${id}`);
    expect(response.status).toBe(404);
    expect(Buffer.from(await response.arrayBuffer()).includes(bytes.subarray(0, 64))).toBe(false);
  });
});
