import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive } from './child-process.js';
import { ping, type RunningRedis, redisPid, startRedis } from './redis.js';

/** One RESP command, then QUIT so that redis closes the socket: the command's raw reply. */
function command(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    socket.once('error', reject);
    socket.on('data', (data) => {
      reply += data.toString('utf8');
    });
    socket.once('end', () => resolve(reply.replace(/\+OK\r\n$/, '')));
    const body = args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
    socket.once('connect', () => socket.write(`*${args.length}\r\n${body}*1\r\n$4\r\nQUIT\r\n`));
  });
}

const started: RunningRedis[] = [];
const extraDirs: string[] = [];
afterEach(async () => {
  for (const redis of started.splice(0)) await redis.stop();
  for (const dir of extraDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('startRedis', () => {
  it('answers PING on its port; stop ends the process and removes its temp dir', async () => {
    const redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await ping(redis.port)).toBe(true);
    const pid = redis.pid as number;
    expect(groupAlive(pid)).toBe(true);
    // Readiness waits for this: the Redis on the port is the one it started.
    expect(await redisPid(redis.port)).toBe(pid);
    await redis.stop();
    expect(groupAlive(pid)).toBe(false);
    expect(await ping(redis.port, 500)).toBe(false);
    expect(await redisPid(redis.port, 500)).toBeUndefined();
  });

  it('is disposable with await using', async () => {
    let pid = 0;
    {
      await using redis = await startRedis();
      pid = redis.pid as number;
      expect(await ping(redis.port)).toBe(true);
    }
    expect(groupAlive(pid)).toBe(false);
  });

  const restarts: [
    string,
    { persistence: boolean; kill9: boolean; empty: boolean; want: string },
  ][] = [
    [
      'without persistence a restart starts empty',
      { persistence: false, kill9: false, empty: false, want: '$-1\r\n' },
    ],
    [
      'with persistence the data survives a restart',
      { persistence: true, kill9: false, empty: false, want: '$4\r\nkept\r\n' },
    ],
    [
      'with persistence the data survives kill9',
      { persistence: true, kill9: true, empty: false, want: '$4\r\nkept\r\n' },
    ],
    [
      'restart({ empty: true }) throws the data away',
      { persistence: true, kill9: true, empty: true, want: '$-1\r\n' },
    ],
  ];
  it.each(restarts)('%s, on the same port', async (_name, { persistence, kill9, empty, want }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tc-redis-test-'));
    extraDirs.push(dir);
    const redis = await startRedis({ persistence, dir });
    started.push(redis);
    expect(await command(redis.port, 'SET', 'k', 'kept')).toBe('+OK\r\n');
    const before = redis.pid as number;
    if (kill9) {
      await redis.kill9();
      expect(groupAlive(before)).toBe(false);
      expect(await ping(redis.port, 500)).toBe(false);
    }
    await redis.restart({ empty });
    expect(groupAlive(before)).toBe(false);
    expect(redis.pid).not.toBe(before);
    expect(await ping(redis.port)).toBe(true);
    expect(await command(redis.port, 'GET', 'k')).toBe(want);
    expect((await readdir(dir)).some((name) => name.startsWith('appendonly'))).toBe(persistence);
  });

  it('leaves a dir it was given in place', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tc-redis-test-'));
    extraDirs.push(dir);
    const given = await startRedis({ dir });
    await given.stop();
    expect(existsSync(dir)).toBe(true);
  });
});
