/**
 * The upload page and the API reference in a real browser (Debian's Chromium through
 * playwright-core), against the real server on a loopback port: Uppy's tus uploads with pause,
 * resume and a reload mid-upload, the details and the downloaded bytes, errors as the API
 * states them, every operation in /docs with a working "Try it out", and CORS for a page on
 * another origin. Screenshots of each state go to reports/screenshots/.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { API_PATHS } from '@temp-contents/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../test-support/chromium.js';
import { bearer, createTestApp, type TestApp, TOKENS } from '../test-support/test-app.js';

const MiB = 1024 * 1024;
const SCREENSHOTS = fileURLToPath(new URL('../../reports/screenshots/', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let browser: Browser;
let server: TestApp;
let baseUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  server = await createTestApp();
  baseUrl = await server.listen();
  browser = await launchChromium();
}, 120_000);

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh browser profile (own sessionStorage and IndexedDB) and page; the page's script errors
 * and CSP violations are collected, and must stay empty.
 */
async function openPage(path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused token is logged by Chromium ("status of 401") and by Uppy ("response code:
    // 401"); the page must show it, which the 401 test checks.
    if (message.type() === 'error' && !/status of 401|response code: 401/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.goto(`${baseUrl}${path}`);
  return { page, problems };
}

/** Chromium's network emulation slows uploads, so the test can act while bytes still flow. */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

async function useToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('token is set');
}

async function addFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  await page
    .locator('.uppy-Dashboard-input')
    .first()
    .setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.bytes })),
    );
}

/** The offset the server holds for a tus upload (HEAD, as the test's own client). */
async function serverOffset(location: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(location, {
      method: 'HEAD',
      headers: { ...bearer(TOKENS.alice), 'tus-resumable': '1.0.0' },
    });
    if (response.status === 200) return Number(response.headers.get('upload-offset'));
    // A PATCH being cut by a pause may hold the upload's lock for a moment.
    if (response.status !== 423) throw new Error(`HEAD ${location} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${location} stayed locked`);
}

/** The bytes the server holds for a content, read by Node. */
async function stored(id: string): Promise<Buffer> {
  const response = await fetch(`${baseUrl}/api/v1/temp-contents/${id}`, {
    headers: bearer(TOKENS.alice),
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** What Golden Retriever holds in IndexedDB: the file's bytes, and the state naming `url`. */
function storedForResume(page: Page, url: string): Promise<boolean> {
  return page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('uppy-blobs');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          if (!names.includes('files') || !names.includes('metadata')) return resolve(false);
          const tx = db.transaction(['files', 'metadata'], 'readonly');
          const blobs = tx.objectStore('files').count();
          const metadata = tx.objectStore('metadata').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve(blobs.result > 0 && JSON.stringify(metadata.result).includes(url));
          };
          tx.onerror = () => resolve(false);
        };
      }),
    url,
  );
}

describe('the upload page (GET /) in Chromium', () => {
  it('uploads 20 MiB with pause, resume and a reload mid-upload, then shows and serves it', async () => {
    const size = 20 * MiB;
    const bytes = randomBytes(size);
    const { page, problems } = await openPage('/');
    await page.screenshot({ path: `${SCREENSHOTS}upload-empty.png`, fullPage: true });
    // 1 MiB/s: about 20 s of transfer, time enough to pause, resume and reload.
    await throttleUploads(page, MiB);

    const creations: string[] = [];
    const patchOffsets: number[] = [];
    page.on('response', (response) => {
      const request = response.request();
      if (request.method() === 'POST' && response.status() === 201) {
        creations.push(response.headers().location ?? '');
      }
    });
    page.on('request', (request) => {
      if (request.method() === 'PATCH') {
        patchOffsets.push(Number(request.headers()['upload-offset']));
      }
    });

    await useToken(page, TOKENS.alice);
    await page.getByLabel('Keep each file for').selectOption({ label: '1 day' });
    await addFiles(page, [{ name: 'big résumé.bin', bytes }]);
    await page.getByRole('button', { name: 'Upload 1 file' }).click();

    const row = page.locator('#transfers li').first();
    await expect.poll(() => row.getAttribute('data-percent'), { timeout: 60_000 }).not.toBeNull();
    await expect
      .poll(async () => Number(await row.getAttribute('data-percent')), { timeout: 60_000 })
      .toBeGreaterThan(5);
    expect(await row.locator('.transfer-figures').textContent()).toMatch(
      /^\d+% of 20\.0 MiB · [\d.]+ (B|KiB|MiB)\/s · .+ left$/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}upload-uploading.png`, fullPage: true });
    expect(creations).toHaveLength(1);
    const location = creations[0] as string;
    expect(location).toMatch(/\/api\/v1\/temp-contents\/files\/[0-9a-f]{32}$/);

    // Pause: the transfer stops short of the end; resume: it goes on from the server's offset.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('paused');
    const pausedAt = await serverOffset(location);
    expect(pausedAt).toBeGreaterThan(0);
    expect(pausedAt).toBeLessThan(size);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect
      .poll(() => serverOffset(location), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(pausedAt);

    // Reload mid-upload: Golden Retriever kept the bytes and the upload URL; the page resumes
    // the same upload (no new creation) from the offset the server holds.
    await expect.poll(() => storedForResume(page, location), { timeout: 30_000 }).toBe(true);
    const beforeReload = await serverOffset(location);
    expect(beforeReload).toBeLessThan(size);
    const patchesBeforeReload = patchOffsets.length;
    await page.reload();

    const card = page.locator('.card').first();
    await card.waitFor({ timeout: 90_000 });
    expect(creations).toHaveLength(1);
    const resumedFrom = patchOffsets[patchesBeforeReload];
    expect(resumedFrom).toBeGreaterThanOrEqual(beforeReload);
    expect(await serverOffset(location)).toBe(size);
    await page.screenshot({ path: `${SCREENSHOTS}upload-done.png`, fullPage: true });

    // The details, as the API states them.
    const id = location.split('/').at(-1) as string;
    expect(await card.getByRole('heading').textContent()).toBe('big résumé.bin');
    expect(await card.locator('[data-field=id]').textContent()).toBe(id);
    expect(await card.locator('[data-field=size]').textContent()).toBe(`20.0 MiB (${size} bytes)`);
    expect(await card.locator('[data-field=creator]').textContent()).toBe('alice');
    const details = await (
      await fetch(`${baseUrl}/api/v1/temp-contents/${id}/details`, {
        headers: bearer(TOKENS.alice),
      })
    ).json();
    expect(details).toMatchObject({
      Name: 'big résumé.bin',
      Size: String(size),
      TTLSeconds: 86_400,
    });

    // The download button hands the browser the stored bytes under the file's name.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      card.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('big résumé.bin');
    const downloaded = await readFile(await download.path());
    expect(sha256(downloaded)).toBe(sha256(bytes));
    expect(sha256(await stored(id))).toBe(sha256(bytes));

    // The link to copy is the content's URL on this server.
    expect(await card.locator('.card-link code').textContent()).toBe(
      `${baseUrl}/api/v1/temp-contents/${id}`,
    );
    expect(problems).toEqual([]);
  }, 240_000);

  it('uploads two files at once and lists both with their details', async () => {
    const files = [
      { name: 'one.txt', bytes: randomBytes(300_000) },
      { name: 'two.csv', bytes: randomBytes(700_000) },
    ];
    const { page, problems } = await openPage('/');
    await useToken(page, TOKENS.alice);
    await addFiles(page, files);
    await page.getByRole('button', { name: 'Upload 2 files' }).click();
    await expect.poll(() => page.locator('.card').count(), { timeout: 60_000 }).toBe(2);
    for (const file of files) {
      const card = page.locator('.card', { has: page.getByRole('heading', { name: file.name }) });
      const id = (await card.locator('[data-field=id]').textContent()) as string;
      expect(await card.locator('[data-field=size]').textContent()).toContain(
        `(${file.bytes.byteLength} bytes)`,
      );
      expect(sha256(await stored(id))).toBe(sha256(file.bytes));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows a 401 as the API reports it: title, detail and traceId', async () => {
    const { page, problems } = await openPage('/');
    await useToken(page, 'not-a-valid-token');
    await addFiles(page, [{ name: 'denied.bin', bytes: randomBytes(10_000) }]);
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.locator('.error-title').textContent()).toBe(
      'Upload of denied.bin failed: 401 Unauthorized',
    );
    expect(await alert.locator('.error-detail').textContent()).toMatch(/token/i);
    expect(await alert.locator('.error-trace code').textContent()).toMatch(/^[0-9a-f]{32}$/);
    await page.screenshot({ path: `${SCREENSHOTS}upload-error.png`, fullPage: true });
    // Keyboard: the alert's Dismiss button is reachable and works.
    await alert.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('the API reference (GET /docs) in Chromium', () => {
  it('lists every operationId of the spec, and "Try it out" calls this server with the token', async () => {
    const spec = (await (await fetch(`${baseUrl}${API_PATHS.openapiJson}`)).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const operationIds = Object.values(spec.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])),
    );
    expect(operationIds.length).toBeGreaterThan(10);

    const { page, problems } = await openPage('/');
    // The token pasted on the upload page (sessionStorage of this tab) authorizes /docs too.
    await useToken(page, TOKENS.alice);
    await page.goto(`${baseUrl}${API_PATHS.apiReference}`);
    await page.locator('.opblock').first().waitFor({ timeout: 60_000 });
    const shown = await page.locator('.opblock-summary-operation-id').allTextContents();
    for (const id of new Set(operationIds)) expect(shown).toContain(id);
    await page.screenshot({ path: `${SCREENSHOTS}docs.png` });

    // Try it out: the plain upload with an empty body answers 201 from this very server.
    const operation = page.locator('#operations-temp-contents-TempContentsPost');
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    // The first row of the live response (the table's header row also has this class).
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 60_000 });
    expect((await status.textContent())?.trim()).toMatch(/^201\b/);
    expect(await operation.locator('.request-url').textContent()).toContain(baseUrl);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('CORS for a page on another origin', () => {
  /** A bare page on its own loopback port: another origin than the API's. */
  let pageServer: Server;
  let pageOrigin: string;
  beforeAll(async () => {
    pageServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><meta charset="utf-8"><title>elsewhere</title>');
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    pageServer.closeAllConnections();
    await new Promise((resolve) => pageServer.close(resolve));
  });

  it.each([
    ['can upload when TC_CORS_ORIGINS lists its origin', true],
    ['cannot upload when TC_CORS_ORIGINS does not', false],
  ])(
    '%s',
    async (_name, allowed) => {
      await using api = await createTestApp({
        env: allowed ? { TC_CORS_ORIGINS: pageOrigin } : {},
      });
      const apiUrl = await api.listen();
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${pageOrigin}/`);
      const result = await page.evaluate(
        async ({ apiUrl, token }) => {
          const body = new TextEncoder().encode('sent from another origin');
          try {
            // A tus creation-with-upload, as Uppy or tus-js-client would send it.
            const created = await fetch(`${apiUrl}/api/v1/temp-contents/files`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${token}`,
                'tus-resumable': '1.0.0',
                'upload-length': String(body.byteLength),
                'upload-metadata': `filename ${btoa('cors.txt')}`,
                'content-type': 'application/offset+octet-stream',
              },
              body,
            });
            const location = created.headers.get('location');
            const id = location?.split('/').at(-1);
            const download = await fetch(`${apiUrl}/api/v1/temp-contents/${id}`, {
              headers: { authorization: `Bearer ${token}` },
            });
            return {
              status: created.status,
              offset: created.headers.get('upload-offset'),
              id,
              text: await download.text(),
              filename: download.headers.get('content-disposition'),
            };
          } catch (error) {
            return { error: String(error) };
          }
        },
        { apiUrl, token: TOKENS.alice },
      );
      if (allowed) {
        expect(result).toMatchObject({
          status: 201,
          offset: '24',
          text: 'sent from another origin',
          filename: expect.stringContaining('cors.txt'),
        });
      } else {
        expect(result).toEqual({ error: expect.stringMatching(/Failed to fetch/) });
      }
    },
    120_000,
  );
});
