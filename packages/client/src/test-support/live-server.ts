/**
 * The real server (`buildApp` from @temp-contents/server) on an ephemeral loopback port, with a
 * fresh data dir and static tokens for two tenants. Tests talk to it over HTTP like any client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig } from '@temp-contents/server';
import { expect } from 'vitest';

export const TOKENS = {
  alice: 'client-test-acme-alice',
  carol: 'client-test-globex-carol',
} as const;

export interface LiveServer extends AsyncDisposable {
  baseUrl: string;
  dataDir: string;
  /** Moves the server's clock forward (TTLs run out at once, no test sleeps past them). */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/** Called for every request the server receives, before it is handled. */
export type RequestObserver = (request: {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}) => void;

export async function startLiveServer(
  env: Record<string, string> = {},
  observe?: RequestObserver,
): Promise<LiveServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tc-client-'));
  const config = loadConfig({
    TC_DATA_DIR: dataDir,
    TC_STATIC_TOKENS: `${TOKENS.alice}=acme:alice,${TOKENS.carol}=globex:carol`,
    TC_RATE_LIMIT: 'off',
    TC_LOG_LEVEL: 'silent',
    ...env,
  });
  // The app's one clock: real time plus whatever the test skipped.
  let skippedMs = 0;
  const app = buildApp(config, { clock: () => new Date(Date.now() + skippedMs) });
  if (observe) {
    app.addHook('onRequest', async (request) => {
      observe({ method: request.method, url: request.url, headers: request.headers });
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP port');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataDir,
    advanceClock(ms) {
      skippedMs += ms;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Deterministic pseudo-random bytes, so a mismatch shows which offset went wrong. */
export function testBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Reads a web stream to the end. */
export async function readAll(
  stream: ReadableStream<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value);
    total += r.value.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Asserts two byte arrays are identical. Much faster than `toEqual` on megabytes (which compares
 * element by element), and a mismatch names the first differing offset instead of a huge diff.
 */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  if (Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected)) return;
  let at = 0;
  while (at < actual.byteLength && at < expected.byteLength && actual[at] === expected[at]) at++;
  expect.fail(
    `bytes differ at offset ${at} (got ${actual.byteLength} bytes, expected ${expected.byteLength})`,
  );
}

/**
 * The offset the server holds for the tus upload at `url` (HEAD as alice). An aborted PATCH may
 * still hold the upload's lock for a moment: 423 is waited out, anything else but 200 throws.
 */
export async function serverOffset(url: string): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(url, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${TOKENS.alice}`, 'tus-resumable': '1.0.0' },
    });
    if (response.status === 200) return Number(response.headers.get('upload-offset'));
    if (response.status !== 423) throw new Error(`HEAD ${url} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} stayed locked`);
}
