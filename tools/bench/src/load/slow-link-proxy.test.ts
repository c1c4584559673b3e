import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type SlowLinkOptions, type SlowLinkProxy, startSlowLinkProxy } from './slow-link-proxy.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What each test opened, closed after it. */
const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

/** A TCP server on an ephemeral loopback port that runs `onConnection` for each socket. */
async function startTarget(onConnection: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  opened.push({
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((done) => server.close(done));
    },
  });
  return { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port };
}

async function proxyTo(
  target: { host: string; port: number },
  options: Omit<SlowLinkOptions, 'target'>,
): Promise<SlowLinkProxy> {
  const proxy = await startSlowLinkProxy({ target, ...options });
  opened.push(proxy);
  return proxy;
}

async function connect(proxy: SlowLinkProxy): Promise<net.Socket> {
  const socket = net.connect({ host: proxy.host, port: proxy.port });
  opened.push({ close: () => socket.destroy() });
  await once(socket, 'connect');
  return socket;
}

/** Everything `socket` receives until the other side ends. */
async function readAll(socket: net.Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'end');
  return Buffer.concat(chunks);
}

describe('slow-link proxy', () => {
  const links: [string, Omit<SlowLinkOptions, 'target'>][] = [
    ['delay only', { delayMs: 5 }],
    ['delay and a per-connection cap', { delayMs: 5, perConnectionBytesPerSecond: 64 * MiB }],
    [
      'delay and both caps',
      { delayMs: 2, perConnectionBytesPerSecond: 64 * MiB, aggregateBytesPerSecond: 32 * MiB },
    ],
    ['no delay, a small queue', { delayMs: 0, maxQueuedBytes: 64 * KiB }],
  ];

  it.each(links)('%s: passes the bytes unchanged both ways, and each end', async (_, link) => {
    const up = randomBytes(3 * MiB + 17);
    const down = randomBytes(2 * MiB + 5);
    let received: Promise<Buffer> | undefined;
    const target = await startTarget((socket) => {
      received = readAll(socket);
      socket.end(down);
    });
    const proxy = await proxyTo(target, link);
    const client = await connect(proxy);
    const answer = readAll(client);
    client.end(up);
    expect((await answer).equals(down)).toBe(true);
    await expect.poll(() => received, { timeout: 20_000 }).toBeDefined();
    expect((await received)?.equals(up)).toBe(true);
    expect(proxy.connections()).toBe(1);
  });

  it('holds every byte back by at least the delay, each way (a lower bound only)', async () => {
    const delayMs = 40;
    const arrivals: number[] = [];
    const target = await startTarget((socket) => {
      socket.on('data', (chunk: Buffer) => {
        arrivals.push(performance.now());
        socket.write(chunk);
      });
    });
    const proxy = await proxyTo(target, { delayMs });
    const connecting = performance.now();
    const client = await connect(proxy);
    const roundTrip = async () => {
      const sent = performance.now();
      client.write('x');
      await once(client, 'data');
      return { sent, arrived: arrivals.at(-1) as number, back: performance.now() };
    };
    // The first byte also pays for the handshake: it arrives three delays after the connect.
    const first = await roundTrip();
    expect(first.arrived - connecting).toBeGreaterThanOrEqual(3 * delayMs);
    expect(first.back - first.arrived).toBeGreaterThanOrEqual(delayMs);
    for (let i = 0; i < 3; i++) {
      const next = await roundTrip();
      expect(next.arrived - next.sent).toBeGreaterThanOrEqual(delayMs);
      expect(next.back - next.arrived).toBeGreaterThanOrEqual(delayMs);
    }
  });

  it('paces a connection to its cap, and all of them to the aggregate cap (lower bounds only)', async () => {
    const rate = 8 * MiB;
    const burst = 64 * KiB;
    const body = randomBytes(4 * MiB);
    const target = await startTarget((socket) => {
      socket.resume();
      socket.on('end', () => socket.end(body));
    });
    const timedDownload = async (proxy: SlowLinkProxy) => {
      const client = await connect(proxy);
      const started = performance.now();
      const answer = readAll(client);
      client.end();
      expect((await answer).equals(body)).toBe(true);
      return performance.now() - started;
    };
    const single = await proxyTo(target, {
      delayMs: 0,
      perConnectionBytesPerSecond: rate,
      burstBytes: burst,
    });
    expect(await timedDownload(single)).toBeGreaterThanOrEqual(
      ((body.length - burst) / rate) * 1000,
    );
    // Two connections at once share the aggregate cap: together no faster than it.
    const shared = await proxyTo(target, {
      delayMs: 0,
      aggregateBytesPerSecond: rate,
      burstBytes: burst,
    });
    const started = performance.now();
    await Promise.all([timedDownload(shared), timedDownload(shared)]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(
      ((2 * body.length - burst) / rate) * 1000,
    );
  });

  it('stops reading when the far end does not, so its memory stays bounded', async () => {
    const block = randomBytes(MiB);
    const total = 256 * MiB;
    const server = { sent: 0, waiting: false };
    const target = await startTarget(async (socket) => {
      while (server.sent < total && !socket.destroyed) {
        server.sent += block.length;
        if (!socket.write(block)) {
          server.waiting = true;
          await Promise.race([once(socket, 'drain'), once(socket, 'close')]);
          server.waiting = false;
        }
      }
    });
    const proxy = await proxyTo(target, { delayMs: 1, maxQueuedBytes: MiB });
    const client = await connect(proxy);
    client.pause(); // reads nothing: the kernel's buffers fill, then the proxy's queue
    // Either the proxy filled its queue and the server is held back, or (a proxy that
    // buffers without bound) the server sent everything.
    await expect
      .poll(
        () =>
          (server.waiting && proxy.peakQueuedBytes() >= proxy.maxQueuedBytes) ||
          server.sent >= total,
        { timeout: 60_000 },
      )
      .toBe(true);
    expect(server.sent).toBeLessThan(total);
    // At most one socket read beyond the limit.
    expect(proxy.peakQueuedBytes()).toBeLessThanOrEqual(proxy.maxQueuedBytes + 64 * KiB);
  });
});
