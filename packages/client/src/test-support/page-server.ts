/**
 * A page origin for browser tests: the browser entry bundled by esbuild (code splitting on, so
 * the lazily imported tus-js-client chunk loads as it would in an app) and an HTML page that
 * puts the module on `window.tc` and a few `PageHelpers` on `window.helpers`, served from its own loopback port, so every API call the page
 * makes is cross-origin and goes through the server's CORS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** What tests need inside the page besides the client: test data in, digests out. */
export interface PageHelpers {
  /** Bytes from Base64 (how Node hands binary test data to `page.evaluate`). */
  fromBase64(text: string): Uint8Array<ArrayBuffer>;
  /** SHA-256 of `bytes`, lower-case hex (how the page hands large results back). */
  sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string>;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>temp-contents client</title>
<script type="module">
import * as tc from './browser.js';
window.helpers = {
  fromBase64: (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)),
  sha256Hex: async (bytes) =>
    Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (x) =>
      x.toString(16).padStart(2, '0'),
    ).join(''),
};
window.tc = tc;
</script>`;

export interface PageServer extends AsyncDisposable {
  /** The page's URL; its origin is what the API server must allow. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function servePage(): Promise<PageServer> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../browser.ts', import.meta.url))],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: '/bundle',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, Uint8Array>([['/', new TextEncoder().encode(PAGE)]]);
  for (const file of bundle.outputFiles) files.set(`/${basename(file.path)}`, file.contents);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    const body = files.get(path);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const type = path === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    response.writeHead(200, { 'content-type': type, 'content-length': body.byteLength });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `${origin}/`, origin, close, [Symbol.asyncDispose]: close };
}
