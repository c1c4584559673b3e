/**
 * The browser entry in a real browser (Debian's Chromium through playwright-core): the bundle a
 * web app would ship, loaded from another origin than the API, against the real server. Proves
 * what Node tests cannot: tus-js-client's browser build and its lazy chunk, Blob and File
 * sources, CORS (preflights, exposed `Location`, `Content-Range`, tus headers) and errors as
 * `TempContentsError`s with their traceId.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as BrowserEntry from './browser.js';
import { launchChromium } from './test-support/chromium.js';
import {
  expectSameBytes,
  type LiveServer,
  serverOffset,
  startLiveServer,
  TOKENS,
  testBytes,
} from './test-support/live-server.js';
import { type PageHelpers, type PageServer, servePage } from './test-support/page-server.js';

/** What the page's module script puts on `window`. */
type PageGlobals = { tc: typeof BrowserEntry; helpers: PageHelpers };
interface Target {
  baseUrl: string;
  token: string;
}

let browser: Browser;
let pageServer: PageServer;
let api: LiveServer;
let page: Page;
let target: Target;

beforeAll(async () => {
  pageServer = await servePage();
  api = await startLiveServer({ TC_CORS_ORIGINS: pageServer.origin });
  target = { baseUrl: api.baseUrl, token: TOKENS.alice };
  browser = await launchChromium();
  page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(pageServer.url);
  await page.waitForFunction(() => 'tc' in globalThis);
  expect(pageErrors).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await pageServer?.close();
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The bytes the server holds for `id`, read by Node, not by the browser. */
async function stored(id: string): Promise<Uint8Array> {
  const response = await fetch(`${api.baseUrl}/api/v1/temp-contents/${id}`, {
    headers: { authorization: `Bearer ${TOKENS.alice}` },
  });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

describe('@temp-contents/client in Chromium', () => {
  it.each([
    ['a Blob, as one plain POST', false, 70_000],
    ['a File, resumable through tus in 64 KiB chunks', true, 300_000],
  ])('uploads %s, reads its details and downloads it back', async (_name, resumable, size) => {
    const bytes = testBytes(size, 5);
    const result = await page.evaluate(
      async ({ target, data, resumable }) => {
        const { tc, helpers } = globalThis as unknown as PageGlobals;
        const source = helpers.fromBase64(data);
        const file = new File([source], 'naïve résumé.bin');
        const client = tc.createTempContentsClient(target);
        const progress: number[] = [];
        const uploaded = await client.upload(resumable ? file : new Blob([source]), {
          filename: file.name,
          resumable,
          chunkSize: 64 * 1024,
          onProgress: (sent) => progress.push(sent),
        });
        const details = await client.details(uploaded.id);
        const whole = await client.download(uploaded.id);
        const got = new Uint8Array(await new Response(whole.body).arrayBuffer());
        const part = await client.download(uploaded.id, { range: { start: 10, end: 19 } });
        return {
          id: uploaded.id,
          transport: uploaded.transport,
          location: uploaded.location,
          progressEnd: progress.at(-1),
          name: details.Name,
          size: details.Size,
          filename: whole.filename,
          downloadedSha: await helpers.sha256Hex(got),
          partStatus: part.status,
          partRange: part.contentRange,
          part: Array.from(new Uint8Array(await new Response(part.body).arrayBuffer())),
        };
      },
      { target, data: base64(bytes), resumable },
    );
    expect(result.transport).toBe(resumable ? 'tus' : 'plain');
    expect(result.location).toBe(`${api.baseUrl}/api/v1/temp-contents/${result.id}`);
    expect(result.progressEnd).toBe(size);
    expect(result).toMatchObject({ name: 'naïve résumé.bin', size: String(size) });
    expect(result.filename).toBe('naïve résumé.bin');
    expect(result.downloadedSha).toBe(sha256(bytes));
    expect(result.partStatus).toBe(206);
    expect(result.partRange).toEqual({ start: 10, end: 19, size });
    expect(result.part).toEqual([...bytes.subarray(10, 20)]);
    expectSameBytes(await stored(result.id), bytes);
  });

  it('resumes a tus upload aborted half-way, from its URL, with the same File', async () => {
    const size = 400_000;
    const bytes = testBytes(size, 6);
    const data = base64(bytes);
    const first = await page.evaluate(
      async ({ target, data, size }) => {
        const { tc, helpers } = globalThis as unknown as PageGlobals;
        const file = new File([helpers.fromBase64(data)], 'half.bin');
        const controller = new AbortController();
        let url = '';
        const outcome = await tc
          .createTempContentsClient(target)
          .upload(file, {
            resumable: true,
            chunkSize: 32 * 1024,
            signal: controller.signal,
            onUploadUrl: (u) => {
              url = u;
            },
            onProgress: (sent) => {
              if (sent >= size / 2) controller.abort();
            },
          })
          .then(
            () => 'completed',
            (error: unknown) => (error instanceof Error ? error.name : String(error)),
          );
        return { outcome, url };
      },
      { target, data, size },
    );
    expect(first.outcome).not.toBe('completed');
    expect(first.url).toMatch(/\/api\/v1\/temp-contents\/files\/\S+$/);
    const kept = await serverOffset(first.url);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(size);

    const resumed = await page.evaluate(
      async ({ target, data, url }) => {
        const { tc, helpers } = globalThis as unknown as PageGlobals;
        const file = new File([helpers.fromBase64(data)], 'half.bin');
        const progress: number[] = [];
        const result = await tc.createTempContentsClient(target).resumeUpload(url, file, {
          onProgress: (sent) => progress.push(sent),
        });
        return { id: result.id, size: result.size, firstProgress: progress[0] };
      },
      { target, data, url: first.url },
    );
    // It continued where the server stopped; it did not send the kept bytes again.
    expect(resumed.firstProgress).toBeGreaterThanOrEqual(kept);
    expect(resumed.size).toBe(size);
    expectSameBytes(await stored(resumed.id), bytes);
  });

  it('surfaces API errors as TempContentsError with code and traceId, across origins', async () => {
    const result = await page.evaluate(async (target) => {
      const { tc } = globalThis as unknown as PageGlobals;
      const client = tc.createTempContentsClient(target);
      const outcome = async (work: Promise<unknown>) =>
        work.then(
          () => 'resolved',
          (error: unknown) =>
            error instanceof tc.TempContentsError
              ? { status: error.status, code: error.code, traceId: error.traceId }
              : String(error),
        );
      const refused = tc.createTempContentsClient({ ...target, token: 'not-a-token' });
      return {
        unknown: await outcome(client.details('no-such-content')),
        unauthorized: await outcome(refused.upload(new Blob(['x']))),
        notInBrowsers: await client.downloadToFile('id', '/tmp/x').then(
          () => 'resolved',
          (error: unknown) => (error instanceof TypeError ? 'TypeError' : String(error)),
        ),
      };
    }, target);
    expect(result.unknown).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(result.unauthorized).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    for (const error of [result.unknown, result.unauthorized]) {
      expect((error as { traceId: string }).traceId).toMatch(/\S/);
    }
    expect(result.notInBrowsers).toBe('TypeError');
  });

  it('reads a 1 MiB download from its body stream, chunk by chunk', async () => {
    const { createTempContentsClient } = await import('./index.js');
    const bytes = testBytes(1024 * 1024, 7);
    const { id } = await createTempContentsClient(target).upload(bytes, { filename: 'from-node' });
    const got = await page.evaluate(
      async ({ target, id }) => {
        const { tc, helpers } = globalThis as unknown as PageGlobals;
        const download = await tc.createTempContentsClient(target).download(id);
        const out = new Uint8Array(download.length ?? 0);
        const reader = download.body.getReader();
        let at = 0;
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          out.set(r.value, at);
          at += r.value.byteLength;
        }
        const sha = await helpers.sha256Hex(out);
        return { received: at, length: download.length, sha };
      },
      { target, id },
    );
    expect(got.length).toBe(bytes.byteLength);
    expect(got.received).toBe(bytes.byteLength);
    expect(got.sha).toBe(sha256(bytes));
  });
});
