// A slow link in front of a server: the slow-link proxy in its own process
// (dist/slow-link-proxy-server.js), and the base URL that reaches the server through it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startManaged, waitUntilReady } from '@temp-contents/stack';
import type { SlowLinkOptions } from './slow-link-proxy.js';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SlowLink {
  /** `http://host:port` of the proxy: the server's base URL over the slow link. */
  baseUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts a proxy shaped by `shape` in front of the HTTP server at `serverBaseUrl`. */
export async function startSlowLink(
  serverBaseUrl: string,
  shape: Omit<SlowLinkOptions, 'target' | 'host'>,
): Promise<SlowLink> {
  const server = new URL(serverBaseUrl);
  const options: SlowLinkOptions = {
    ...shape,
    target: { host: server.hostname, port: Number(server.port) },
  };
  const script = path.join(DIST, 'slow-link-proxy-server.js');
  const managed = startManaged(process.execPath, [script, JSON.stringify(options)]);
  let address = '';
  await waitUntilReady('slow-link proxy', managed, async () => {
    address = /listening on (\S+)/.exec(managed.stdout())?.[1] ?? '';
    return address !== '';
  });
  return { baseUrl: `http://${address}`, pid: managed.pid, stop: () => managed.stop() };
}
