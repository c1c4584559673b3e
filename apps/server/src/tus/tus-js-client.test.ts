import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { type HttpRequest, Upload, type UploadOptions } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

/**
 * tus-js-client 4.3.1 (a client nobody here wrote) against the real server on a loopback port:
 * every upload is downloaded again from GET /api/v1/temp-contents/{id} and compared by sha256.
 */

const KiB = 1024;
const MiB = 1024 * KiB;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('tus-js-client uploads', () => {
  let app: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createTestApp({ env: { TC_MAX_UPLOAD_BYTES: String(80 * MiB) } });
    baseUrl = await app.listen();
  });
  afterAll(async () => {
    // All requests are over; do not wait for keep-alive sockets to time out.
    app?.app.server.closeAllConnections();
    await app?.close();
  });

  const options = (extra: Partial<UploadOptions> = {}): UploadOptions => ({
    endpoint: `${baseUrl}/api/v1/temp-contents/files`,
    headers: { Authorization: `Bearer ${TOKENS.alice}` },
    metadata: { filename: 'data.bin', ttl: '600' },
    // Failures must fail the test, not be retried away.
    retryDelays: [],
    storeFingerprintForResuming: false,
    ...extra,
  });

  const run = (source: Buffer | Readable, extra: Partial<UploadOptions> = {}) =>
    new Promise<string>((resolve, reject) => {
      const upload: Upload = new Upload(source, {
        ...options(extra),
        onSuccess: () => resolve(upload.url as string),
        onError: reject,
      });
      upload.start();
    });

  const download = async (url: string) => {
    const id = url.split('/').pop() as string;
    const response = await fetch(`${baseUrl}/api/v1/temp-contents/${id}`, {
      headers: { authorization: `Bearer ${TOKENS.alice}` },
    });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };

  it.each([
    { name: '0 B', size: 0, chunkSize: 256 * KiB, extra: {} },
    { name: '1 B', size: 1, chunkSize: 256 * KiB, extra: {} },
    { name: '5 MiB in 256 KiB chunks', size: 5 * MiB, chunkSize: 256 * KiB, extra: {} },
    { name: '64 MiB in 1 MiB chunks', size: 64 * MiB, chunkSize: 1 * MiB, extra: {} },
    {
      name: '3 MiB with data in the creation request (creation-with-upload)',
      size: 3 * MiB,
      chunkSize: 512 * KiB,
      extra: { uploadDataDuringCreation: true },
    },
  ])('uploads $name and downloads the same bytes', async ({ size, chunkSize, extra }) => {
    const bytes = randomBytes(size);
    const url = await run(bytes, { chunkSize, ...extra });
    expect(url).toMatch(/\/api\/v1\/temp-contents\/files\/[0-9a-f]{32}$/);
    expect(sha256(await download(url))).toBe(sha256(bytes));
  });

  it('uploads a stream of unknown length (creation-defer-length)', async () => {
    const bytes = randomBytes(2 * MiB + 123);
    const chunks = Array.from({ length: 9 }, (_, i) =>
      bytes.subarray(i * 250 * KiB, (i + 1) * 250 * KiB),
    );
    const url = await run(Readable.from(chunks), {
      chunkSize: 300 * KiB,
      uploadLengthDeferred: true,
    });
    expect(sha256(await download(url))).toBe(sha256(bytes));
  });

  it('resumes an aborted upload from its URL without sending the stored bytes again', async () => {
    const bytes = randomBytes(5 * MiB);
    const patchOffsets: number[] = [];

    // First attempt: abort once about 2 MiB are acknowledged.
    const firstUrl = await new Promise<string>((resolve, reject) => {
      const upload: Upload = new Upload(bytes, {
        ...options({ chunkSize: 256 * KiB }),
        onProgress: (sent) => {
          if (sent >= 2 * MiB && upload.url !== null) {
            upload.abort().then(() => resolve(upload.url as string), reject);
          }
        },
        onSuccess: () => reject(new Error('the upload finished before it could be aborted')),
        onError: reject,
      });
      upload.start();
    });
    const head = await fetch(firstUrl, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${TOKENS.alice}`, 'tus-resumable': '1.0.0' },
    });
    const stored = Number(head.headers.get('upload-offset'));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(bytes.length);
    // Incomplete: the content is not served yet.
    const id = firstUrl.split('/').pop() as string;
    const early = await fetch(`${baseUrl}/api/v1/temp-contents/${id}`, {
      headers: { authorization: `Bearer ${TOKENS.alice}` },
    });
    expect(early.status).toBe(204);

    // Second attempt: a new client object that only knows the stored URL.
    const resumedUrl = await run(bytes, {
      uploadUrl: firstUrl,
      chunkSize: 256 * KiB,
      onBeforeRequest: (req: HttpRequest) => {
        if (req.getMethod() === 'PATCH') patchOffsets.push(Number(req.getHeader('Upload-Offset')));
      },
    });
    expect(resumedUrl).toBe(firstUrl);
    expect(patchOffsets[0]).toBe(stored);
    expect(sha256(await download(firstUrl))).toBe(sha256(bytes));
  });
});
