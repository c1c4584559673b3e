import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

/**
 * TC_S3_DOWNLOAD=redirect: the object store serves the bytes at a presigned URL; the replica
 * still answers everything it can judge from the record (HEAD, 204, 404, 410, 416).
 */
describe('downloads redirected to the object store', () => {
  let t: TestApp;
  let base: string;
  let id: string;
  const bytes = 'bytes served by the object store itself';

  beforeAll(async () => {
    t = await createTestApp({ backend: 's3', env: { TC_S3_DOWNLOAD: 'redirect' } });
    base = await t.listen();
    const created = await fetch(
      `${base}/api/v1/temp-contents?filename=${encodeURIComponent('résumé.txt')}`,
      {
        method: 'POST',
        headers: bearer(TOKENS.alice),
        body: bytes,
      },
    );
    id = ((await created.json()) as { ID: string }).ID;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 307 to a presigned URL that serves the bytes, ranges and the same headers', async () => {
    const redirect = await fetch(`${base}/api/v1/temp-contents/${id}?inline=1`, {
      headers: bearer(TOKENS.alice),
      redirect: 'manual',
    });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    const location = redirect.headers.get('location') as string;
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+\/.*X-Amz-Signature=/);

    const direct = await fetch(location, { headers: { range: 'bytes=6-11' } });
    expect(direct.status).toBe(206);
    expect(await direct.text()).toBe(bytes.slice(6, 12));
    // The same Content-Type and Content-Disposition as the replica's own answer (HEAD).
    const head = await fetch(`${base}/api/v1/temp-contents/${id}?inline=1`, {
      method: 'HEAD',
      headers: bearer(TOKENS.alice),
    });
    expect(direct.headers.get('content-type')).toBe(head.headers.get('content-type'));
    expect(direct.headers.get('content-disposition')).toBe(head.headers.get('content-disposition'));
    expect(direct.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
    );
    // A client that follows redirects gets the bytes in one call.
    const followed = await fetch(`${base}/api/v1/temp-contents/${id}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(await followed.text()).toBe(bytes);
  });

  it.each([
    ['HEAD', {}, 200],
    ['GET', { range: 'bytes=999-' }, 416],
  ] as const)('answers %s %j itself (%i)', async (method, headers, status) => {
    const response = await fetch(`${base}/api/v1/temp-contents/${id}`, {
      method,
      headers: { ...bearer(TOKENS.alice), ...headers },
      redirect: 'manual',
    });
    expect(response.status).toBe(status);
  });
});
