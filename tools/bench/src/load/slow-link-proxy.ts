// A TCP proxy that makes a loopback connection look like a long, thin one: every byte is held
// for a fixed one-way delay in each direction, and the bytes are paced by token buckets — one
// per connection and direction (the cap that makes parallel connections worth having: on a
// real long fat network a single TCP connection is held well below the path's capacity by its
// window over the round trip, by loss, or by a per-flow shaper), and optionally one shared by
// all connections per direction (the capacity of the path itself).
//
// Each direction of each connection is a delay line: a chunk read from one socket is stamped
// with the time it has passed the bucket(s) plus the delay, and written to the other socket at
// that time, in order. Backpressure holds memory: a direction stops reading once it holds
// `maxQueuedBytes` that the other socket has not taken yet (in the line, or in that socket's
// write buffer), and reads again when half of them are gone; a slow reader on one end slows
// the writer on the other, as TCP would. Nothing is lost or reordered, so TCP's own congestion
// control never backs off: this is an ideal link with a per-flow cap, not a lossy one.
import net from 'node:net';
import { TokenBucket } from './token-bucket.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface SlowLinkOptions {
  /** Where each accepted connection is forwarded (the server). */
  target: { host: string; port: number };
  /** Added to each direction: a round trip takes at least twice this longer. */
  delayMs: number;
  /** Bytes per second for each connection, in each direction; undefined for no cap. */
  perConnectionBytesPerSecond?: number | undefined;
  /** Bytes per second for all connections together, in each direction; undefined for no cap. */
  aggregateBytesPerSecond?: number | undefined;
  /** Tokens a bucket saves up while idle (default 64 KiB: one socket read). */
  burstBytes?: number | undefined;
  /**
   * Most bytes one direction of one connection holds before it stops reading. Default: twice
   * the bandwidth-delay product of the tightest cap plus a burst, at least 1 MiB (the line must
   * hold a whole delay's worth to keep the cap busy); 16 MiB without a cap.
   */
  maxQueuedBytes?: number | undefined;
  /**
   * Charge a new connection one round trip (the TCP handshake, which on loopback completes at
   * once) before its first byte leaves for the server, so that the first byte arrives three
   * delays after the connection was accepted, as on a real link (default true). Kept-alive
   * connections pay it once.
   */
  handshake?: boolean | undefined;
  /** Address to listen on (default 127.0.0.1, an ephemeral port). */
  host?: string | undefined;
}

export interface SlowLinkProxy {
  host: string;
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** The most bytes one direction of one connection has held at once. */
  peakQueuedBytes(): number;
  /** The limit each direction keeps to (see `maxQueuedBytes`). */
  readonly maxQueuedBytes: number;
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

/** The default `maxQueuedBytes` for these caps and delay. */
export function defaultMaxQueuedBytes(options: SlowLinkOptions): number {
  const caps = [options.perConnectionBytesPerSecond, options.aggregateBytesPerSecond].filter(
    (rate): rate is number => rate !== undefined,
  );
  if (caps.length === 0) return 16 * MiB;
  const bdp = (Math.min(...caps) * options.delayMs) / 1000;
  return Math.max(MiB, Math.ceil(2 * bdp) + (options.burstBytes ?? 64 * KiB));
}

interface Held {
  chunk: Buffer;
  /** When it may be written to the other socket (performance.now() clock). */
  at: number;
}

/** One direction of one connection: reads `from`, writes `to` after the buckets and the delay. */
class DelayLine {
  private readonly held: Held[] = [];
  /** Read from `from`, not yet flushed by `to`. */
  private queued = 0;
  /** When the last chunk may be written: a chunk never overtakes the one before it. */
  private lastAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private paused = false;
  private ended = false;
  private endSent = false;

  constructor(
    private readonly from: net.Socket,
    private readonly to: net.Socket,
    private readonly buckets: TokenBucket[],
    private readonly delayMs: number,
    private readonly maxQueued: number,
    /** No byte leaves before this time (the handshake's round trip). */
    private readonly notBefore: number,
    private readonly onQueued: (bytes: number) => void,
  ) {
    from.on('data', (chunk: Buffer) => this.take(chunk));
    from.on('end', () => {
      this.ended = true;
      this.maybeEnd();
    });
    to.on('close', () => this.dispose());
  }

  private take(chunk: Buffer): void {
    let passed = Math.max(performance.now(), this.notBefore);
    for (const bucket of this.buckets) passed = Math.max(passed, bucket.reserve(chunk.length));
    this.lastAt = Math.max(passed + this.delayMs, this.lastAt);
    this.held.push({ chunk, at: this.lastAt });
    this.queued += chunk.length;
    this.onQueued(this.queued);
    if (!this.paused && this.queued >= this.maxQueued) {
      this.paused = true;
      this.from.pause();
    }
    this.schedule();
  }

  private schedule(): void {
    const next = this.held[0];
    if (this.timer !== undefined || next === undefined) return;
    this.timer = setTimeout(this.release, Math.max(0, next.at - performance.now()));
  }

  private readonly release = (): void => {
    this.timer = undefined;
    // Timers may fire a little early by this clock: such chunks wait for the next turn.
    const now = performance.now();
    while (this.held.length > 0 && (this.held[0] as Held).at <= now) {
      const { chunk } = this.held.shift() as Held;
      if (this.to.destroyed) {
        this.queued -= chunk.length;
        continue;
      }
      this.to.write(chunk, () => this.flushed(chunk.length));
    }
    this.maybeEnd();
    this.schedule();
  };

  private flushed(bytes: number): void {
    this.queued -= bytes;
    if (this.paused && this.queued <= this.maxQueued / 2) {
      this.paused = false;
      if (!this.from.destroyed) this.from.resume();
    }
  }

  /** Passes the end on once everything before it has been handed over. */
  private maybeEnd(): void {
    if (this.ended && !this.endSent && this.held.length === 0 && !this.to.destroyed) {
      this.endSent = true;
      this.to.end();
    }
  }

  private dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held.length = 0;
  }
}

export function startSlowLinkProxy(options: SlowLinkOptions): Promise<SlowLinkProxy> {
  const { delayMs } = options;
  if (!(delayMs >= 0)) throw new RangeError(`delayMs: at least 0, not ${delayMs}`);
  const burst = options.burstBytes ?? 64 * KiB;
  const maxQueuedBytes = options.maxQueuedBytes ?? defaultMaxQueuedBytes(options);
  const perConnection = options.perConnectionBytesPerSecond;
  const aggregate = options.aggregateBytesPerSecond;
  const shared =
    aggregate === undefined
      ? undefined
      : { up: new TokenBucket(aggregate, burst), down: new TokenBucket(aggregate, burst) };
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let peak = 0;
  const onQueued = (bytes: number) => {
    peak = Math.max(peak, bytes);
  };

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    accepted++;
    const upstream = net.connect({
      host: options.target.host,
      port: options.target.port,
      allowHalfOpen: true,
      noDelay: true,
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const buckets = (direction: 'up' | 'down') => [
      ...(perConnection === undefined ? [] : [new TokenBucket(perConnection, burst)]),
      ...(shared === undefined ? [] : [shared[direction]]),
    ];
    const now = performance.now();
    const firstByte = options.handshake === false ? now : now + 2 * delayMs;
    new DelayLine(client, upstream, buckets('up'), delayMs, maxQueuedBytes, firstByte, onQueued);
    new DelayLine(upstream, client, buckets('down'), delayMs, maxQueuedBytes, now, onQueued);
    // A reset on either side resets the other; a socket that closes without having ended
    // (destroyed) takes the other with it. A graceful end travels through the delay line.
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', () => {
      if (!client.readableEnded) upstream.destroy();
    });
    upstream.on('close', () => {
      if (!upstream.readableEnded) client.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        host: address.address,
        port: address.port,
        connections: () => accepted,
        peakQueuedBytes: () => peak,
        maxQueuedBytes,
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
