import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { type Managed, startManaged, waitUntilReady } from './child-process.js';
import { freePort } from './free-port.js';
import { requireBinary } from './required-binary.js';
import { makeTempDir } from './temp-dir.js';

/**
 * Debian's redis-server (scripts/install-scale-out-deps.sh installs it), else the one on PATH;
 * REDIS_SERVER_BIN overrides both (a wrapper script must `exec` redis-server: readiness checks
 * that the pid it started is the one answering).
 */
export function redisServerPath(): string {
  return (
    process.env.REDIS_SERVER_BIN ??
    (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server')
  );
}

export interface RedisOptions {
  /** Append-only persistence in `dir` (as a deployment runs it); off by default for tests. */
  persistence?: boolean;
  /** Working directory (the AOF lives there); a fresh temp dir when omitted. */
  dir?: string;
}

export interface RunningRedis extends AsyncDisposable {
  url: string;
  port: number;
  /** The current process (a restart changes it). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  kill9(): Promise<void>;
  /** Starts again on the same port; `empty` throws its data away first (a Redis lost whole). */
  restart(options?: { empty?: boolean }): Promise<void>;
}

/** Debian's redis-server on a free loopback port, ready when it answers PING. */
export async function startRedis(options: RedisOptions = {}): Promise<RunningRedis> {
  const binary = requireBinary('redis-server', redisServerPath(), 'REDIS_SERVER_BIN');
  const own = options.dir === undefined ? await makeTempDir('tc-redis-') : undefined;
  const dir = own?.path ?? (options.dir as string);
  const persistence = options.persistence === true;
  // A port picked free can be taken before redis binds it: try a few.
  let port = 0;
  let managed: Managed | undefined;
  for (let attempt = 0; managed === undefined; attempt++) {
    port = await freePort();
    try {
      managed = await launch(binary, port, dir, persistence);
    } catch (error) {
      if (attempt >= 2) {
        await own?.remove();
        throw error;
      }
    }
  }

  let current = managed;
  const stop = async () => {
    await current.stop();
    await own?.remove();
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return current.pid;
    },
    stop,
    kill9: () => current.kill9(),
    async restart({ empty = false } = {}) {
      await current.stop();
      if (empty) await removeRedisFiles(dir);
      current = await launch(binary, port, dir, persistence);
    },
    [Symbol.asyncDispose]: stop,
  };
}

/** Only what redis writes: `dir` may be the caller's and hold other things. */
async function removeRedisFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (/^(appendonly|dump|temp-)/.test(name)) {
      await rm(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

async function launch(
  binary: string,
  port: number,
  dir: string,
  persistence: boolean,
): Promise<Managed> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    // No RDB snapshots ever: either nothing survives (tests) or the AOF does (persistence).
    '--save',
    '',
    '--appendonly',
    persistence ? 'yes' : 'no',
    '--daemonize',
    'no',
  ];
  const managed = startManaged(binary, args);
  // Ours, not just a Redis: should another run's redis-server take the port between picking and
  // binding it, ours exits, and that one would answer PING in its place.
  await waitUntilReady(
    `redis-server on port ${port}`,
    managed,
    async () => (await ping(port)) && (await redisPid(port)) === managed.pid,
  );
  return managed;
}

/** The `process_id` of the redis-server on `port` (INFO server), or undefined. */
export function redisPid(port: number, timeoutMs = 2000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let answer = '';
    const done = (pid: number | undefined) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      const match = /process_id:(\d+)\r\n/.exec(answer);
      if (match?.[1] !== undefined) done(Number(match[1]));
      else if (answer.startsWith('-')) done(undefined);
    });
    socket.once('connect', () => socket.write('*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n'));
  });
}

/** One RESP PING over a fresh socket: true on +PONG. */
export function ping(port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
  });
}
