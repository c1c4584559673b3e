import { randomBytes } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../test-support/manual-clock.js';
import {
  bearer,
  createTestApp,
  type TestApp,
  type TestAppOptions,
  TOKENS,
} from '../test-support/test-app.js';
import { slowPatch } from '../tus/test-support/slow-patch.js';
import { createUpload, headOffset, TUS_AUTH, tusPatch } from '../tus/test-support/tus-http.js';
import { parseSamples, type Samples, sampleValue } from './test-support/exposition.js';
import { findPromtool, PROMTOOL_MISSING, promtool } from './test-support/promtool.js';

/**
 * /metrics on a real server: traffic of every kind goes over loopback, then a scrape must pass
 * promtool and show the counters moved by exactly what the traffic did.
 */

const CONTENTS = '/api/v1/temp-contents';
const REQUESTS = 'tc_http_requests_total';
const DURATIONS = 'tc_http_request_duration_seconds_count';
const RECEIVED = 'tc_http_received_bytes_total';
const SENT = 'tc_http_sent_bytes_total';
const UPLOADS = 'tc_uploads_in_progress';
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

let t: TestApp | undefined;
afterEach(async () => {
  t?.app.server.closeAllConnections();
  await t?.close();
  t = undefined;
});

async function start(options: TestAppOptions = {}): Promise<string> {
  t = await createTestApp({ ...options, env: { TC_METRICS: 'on', ...options.env } });
  return t.listen();
}

async function scrapeText(baseUrl: string, token?: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: token === undefined ? {} : bearer(token),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

async function scrape(baseUrl: string): Promise<Samples> {
  return parseSamples(await scrapeText(baseUrl));
}

type Series = readonly [name: string, labels?: Record<string, string>, want?: number];

/** How much each series grew from `before` to `after`, keyed by name and labels. */
function growth(before: Samples, after: Samples, series: readonly Series[]) {
  return Object.fromEntries(
    series.map(([name, labels = {}]) => [
      `${name}${JSON.stringify(labels)}`,
      sampleValue(after, name, labels) - sampleValue(before, name, labels),
    ]),
  );
}

/** The growth `series` say they want, in the shape `growth` returns. */
function expected(series: readonly Series[]) {
  return Object.fromEntries(
    series.map(([name, labels = {}, want]) => [`${name}${JSON.stringify(labels)}`, want]),
  );
}

function upload(baseUrl: string, body: Buffer, query = ''): Promise<Response> {
  return fetch(`${baseUrl}${CONTENTS}${query}`, {
    method: 'POST',
    headers: { ...bearer(TOKENS.alice), 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
}

describe('GET /metrics with TC_METRICS=on', () => {
  it('counts real traffic by operationId and status, and promtool accepts the scrape', async (ctx) => {
    const bin = findPromtool();
    const baseUrl = await start();
    const before = await scrape(baseUrl);
    // Free space of the data dir's file system, read at each scrape (the first one too).
    const disk = await statfs(t?.dataDir as string);
    expect(sampleValue(before, 'tc_data_dir_size_bytes')).toBe(disk.blocks * disk.bsize);

    const plain = randomBytes(1000);
    const posted = await upload(baseUrl, plain, '?filename=a.bin');
    expect(posted.status).toBe(201);
    const { ID } = (await posted.json()) as { ID: string };
    const got = await fetch(`${baseUrl}${CONTENTS}/${ID}`, { headers: bearer(TOKENS.alice) });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(plain)).toBe(true);
    const missing = await fetch(`${baseUrl}${CONTENTS}/${'0'.repeat(32)}`, {
      headers: bearer(TOKENS.alice),
    });
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();

    const resumable = randomBytes(3000);
    const url = await createUpload(`${baseUrl}${CONTENTS}/files`, resumable.length);
    const patched = await tusPatch(url, 0, resumable);
    expect(patched.status).toBe(204);
    // A tunnelled PATCH (X-HTTP-Method-Override) is still patchTus: here at a wrong offset.
    const tunnelled = await fetch(url, {
      method: 'POST',
      headers: {
        ...TUS_AUTH,
        'x-http-method-override': 'PATCH',
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '1',
      },
      body: new Uint8Array(1),
    });
    expect(tunnelled.status).toBe(409);
    await tunnelled.arrayBuffer();

    const unknown = await fetch(`${baseUrl}/no/such/path`);
    expect(unknown.status).toBe(404);
    await unknown.arrayBuffer();

    // Series and how much the traffic above must have moved them.
    const want: Series[] = [
      [REQUESTS, { operation: 'TempContentsPost', status: '201' }, 1],
      [REQUESTS, { operation: 'TempContentsGet', status: '200' }, 1],
      [REQUESTS, { operation: 'TempContentsGet', status: '404' }, 1],
      [REQUESTS, { operation: 'postTus', status: '201' }, 1],
      [REQUESTS, { operation: 'patchTus', status: '204' }, 1],
      [REQUESTS, { operation: 'patchTus', status: '409' }, 1],
      [REQUESTS, { operation: 'unmatched', status: '404' }, 1],
      [DURATIONS, { operation: 'TempContentsPost', status: '201' }, 1],
      [DURATIONS, { operation: 'patchTus', status: '204' }, 1],
      [DURATIONS, { operation: 'unmatched', status: '404' }, 1],
      // tus creation, PATCH and the tunnelled PATCH each took the upload's lock.
      ['tc_tus_lock_wait_seconds_count', { outcome: 'acquired' }, 3],
      ['tc_tus_lock_release_requests_total', {}, 0],
      [UPLOADS, {}, 0],
    ];
    // A response's bookkeeping ends on its `close` event, which may trail the client's read.
    await expect
      .poll(async () => growth(before, await scrape(baseUrl), want), { timeout: 10_000 })
      .toEqual(expected(want));

    const text = await scrapeText(baseUrl);
    const after = parseSamples(text);
    // Bytes on the wire: the body plus a request line and headers of well under 1 KiB.
    const bytes = (name: string, operation: string) =>
      sampleValue(after, name, { operation }) - sampleValue(before, name, { operation });
    expect(bytes(RECEIVED, 'TempContentsPost')).toBeGreaterThanOrEqual(plain.length);
    expect(bytes(RECEIVED, 'TempContentsPost')).toBeLessThan(plain.length + 1024);
    expect(bytes(SENT, 'TempContentsGet')).toBeGreaterThanOrEqual(plain.length);
    expect(bytes(SENT, 'TempContentsGet')).toBeLessThan(plain.length + 2 * 1024);
    expect(bytes(RECEIVED, 'patchTus')).toBeGreaterThanOrEqual(resumable.length + 1);
    expect(bytes(RECEIVED, 'patchTus')).toBeLessThan(resumable.length + 1 + 2 * 1024);

    expect(sampleValue(after, 'tc_data_dir_size_bytes')).toBe(disk.blocks * disk.bsize);
    expect(sampleValue(after, 'tc_data_dir_free_bytes')).toBeGreaterThan(0);
    expect(sampleValue(after, 'tc_data_dir_free_bytes')).toBeLessThanOrEqual(
      disk.blocks * disk.bsize,
    );
    // The Node.js process's own metrics come along.
    expect(after.has('process_cpu_user_seconds_total')).toBe(true);
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);

    if (bin === undefined) return ctx.skip(PROMTOOL_MISSING);
    // The whole scrape parses (exit 1 would be a format error). Its only lint findings (exit 3)
    // are the names prom-client gives three of its process gauges, which are not ours to choose.
    const whole = promtool(bin, ['check', 'metrics'], text);
    expect([0, 3]).toContain(whole.status);
    for (const finding of whole.output.split('\n').filter((line) => line !== '')) {
      expect(finding).toMatch(
        /^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/,
      );
    }
    // Our own metrics lint clean.
    const own = text
      .split('\n')
      .filter((line) => /^(# (HELP|TYPE) )?tc_/.test(line))
      .join('\n');
    expect(own).toContain('tc_http_requests_total{');
    expect(promtool(bin, ['check', 'metrics'], `${own}\n`)).toEqual({ status: 0, output: '' });
  });

  it('counts an upload in progress while it runs, and a HEAD that waits for its lock', async () => {
    const baseUrl = await start();
    const bytes = randomBytes(64 * 1024);
    const url = await createUpload(`${baseUrl}${CONTENTS}/files`, bytes.length);
    const before = await scrape(baseUrl);
    // A client sends 16 KiB, then goes silent with the connection open.
    const stalled = slowPatch(url, 0, [bytes.subarray(0, 16 * 1024)], {
      delayMs: 5,
      stall: true,
    });
    try {
      await stalled.sent;
      await expect.poll(async () => sampleValue(await scrape(baseUrl), UPLOADS)).toBe(1);

      // HEAD needs the upload's lock: the stalled PATCH is asked to let go, then cut.
      const head = await headOffset(url);
      expect(head.status).toBe(200);
      expect((await stalled.response)?.status).toBe(204);

      await expect.poll(async () => sampleValue(await scrape(baseUrl), UPLOADS)).toBe(0);
      const after = await scrape(baseUrl);
      expect(
        growth(before, after, [
          ['tc_tus_lock_release_requests_total'],
          ['tc_tus_lock_wait_seconds_count', { outcome: 'acquired' }],
          [REQUESTS, { operation: 'patchTus', status: '204' }],
          [REQUESTS, { operation: 'headTus', status: '200' }],
        ]),
      ).toEqual({
        'tc_tus_lock_release_requests_total{}': 1,
        'tc_tus_lock_wait_seconds_count{"outcome":"acquired"}': 2,
        'tc_http_requests_total{"operation":"patchTus","status":"204"}': 1,
        'tc_http_requests_total{"operation":"headTus","status":"200"}': 1,
      });
      // The HEAD waited for the holder to drain (1 s by default): it is not in the lowest bucket.
      expect(
        sampleValue(after, 'tc_tus_lock_wait_seconds_bucket', { outcome: 'acquired', le: '0.1' }) -
          sampleValue(before, 'tc_tus_lock_wait_seconds_bucket', {
            outcome: 'acquired',
            le: '0.1',
          }),
      ).toBe(1);
    } finally {
      stalled.destroy();
    }
  });

  it('counts an upload whose client went away as aborted', async () => {
    const baseUrl = await start();
    const before = await scrape(baseUrl);
    const { port } = new URL(baseUrl);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: CONTENTS,
      headers: {
        ...bearer(TOKENS.alice),
        'content-type': 'application/octet-stream',
        'content-length': '100000',
      },
    });
    req.on('error', () => undefined);
    req.write(randomBytes(1000));
    await expect.poll(async () => sampleValue(await scrape(baseUrl), UPLOADS)).toBe(1);
    req.destroy();
    const aborted = { operation: 'TempContentsPost', status: 'aborted' };
    await expect.poll(async () => sampleValue(await scrape(baseUrl), REQUESTS, aborted)).toBe(1);
    const after = await scrape(baseUrl);
    expect(sampleValue(after, UPLOADS)).toBe(0);
    // What arrived before the cut is counted.
    expect(
      sampleValue(after, RECEIVED, { operation: 'TempContentsPost' }) -
        sampleValue(before, RECEIVED, { operation: 'TempContentsPost' }),
    ).toBeGreaterThanOrEqual(1000);
  });

  it('counts rate-limit rejections by tier', async () => {
    const baseUrl = await start({
      configure: (config) => {
        config.rateLimit.enabled = true;
        config.rateLimit.limits['1'] = 2;
      },
    });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${baseUrl}${CONTENTS}/${'0'.repeat(32)}/details`, {
        headers: bearer(TOKENS.alice),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([404, 404, 429]);
    await expect
      .poll(async () => {
        const samples = await scrape(baseUrl);
        return [
          sampleValue(samples, 'tc_rate_limit_rejections_total', { tier: '1' }),
          sampleValue(samples, REQUESTS, { operation: 'TempContentsDetails', status: '429' }),
        ];
      })
      .toEqual([1, 1]);
  });

  it('counts sweeper passes and the contents they removed', async () => {
    const clock = new ManualClock();
    const baseUrl = await start({ deps: { clock: clock.now } });
    for (const body of ['a', 'b']) {
      expect((await upload(baseUrl, Buffer.from(body), '?ttl=1')).status).toBe(201);
    }
    clock.advance(2000);
    const sweeper = t?.app.expirySweeper;
    expect(await sweeper?.sweepOnce()).toBe(2);
    expect(await sweeper?.sweepOnce()).toBe(0);
    const samples = await scrape(baseUrl);
    expect(sampleValue(samples, 'tc_expiry_sweeps_total', { outcome: 'ok' })).toBe(2);
    expect(sampleValue(samples, 'tc_expiry_sweeps_total', { outcome: 'failed' })).toBe(0);
    expect(sampleValue(samples, 'tc_expiry_removed_contents_total')).toBe(2);
  });
});

describe('GET /metrics access', () => {
  it('answers 404 in the envelope when metrics are off (the default)', async () => {
    t = await createTestApp();
    const baseUrl = await t.listen();
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).errors[0].code).toBe('NOT_FOUND');
    // The spec declares the path: other methods are 405 there, as on every declared path.
    const posted = await fetch(`${baseUrl}/metrics`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toMatch(/GET/);
    await posted.arrayBuffer();
  });

  it.each([
    ['no Authorization', {}],
    ['an API token', bearer(TOKENS.alice)],
    ['a wrong token', bearer(`${METRICS_TOKEN}x`)],
    ['another scheme', { authorization: `Basic ${METRICS_TOKEN}` }],
  ])('with TC_METRICS_TOKEN, refuses %s with 401 in the envelope', async (_name, headers) => {
    const baseUrl = await start({ env: { TC_METRICS_TOKEN: METRICS_TOKEN } });
    const response = await fetch(`${baseUrl}/metrics`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    const body = await response.json();
    expect(body.errors[0].code).toBe('UNAUTHORIZED');
    expect(typeof body.traceId).toBe('string');
  });

  it('with TC_METRICS_TOKEN, serves a scrape that presents it', async () => {
    const baseUrl = await start({ env: { TC_METRICS_TOKEN: METRICS_TOKEN } });
    const samples = parseSamples(await scrapeText(baseUrl, METRICS_TOKEN));
    expect(samples.has('process_cpu_user_seconds_total')).toBe(true);
  });
});
