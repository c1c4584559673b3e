import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupAlive } from './child-process.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(PACKAGE_DIR, 'src');
const DIST = path.join(PACKAGE_DIR, 'dist');
const CLI = path.join(DIST, 'cli.js');

/** True when a source is newer than its output, or has none (an edit not built yet). */
function distIsStale(): boolean {
  return readdirSync(SRC)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .some((name) => {
      const out = path.join(DIST, name.replace(/\.ts$/, '.js'));
      return !existsSync(out) || statSync(out).mtimeMs < statSync(path.join(SRC, name)).mtimeMs;
    });
}

// The CLI runs from dist/. CI has built it (turbo: test depends on build), and rebuilding it
// anyway would rewrite files that other packages' tests import at that very moment (tsc does
// not write atomically): build only after a local edit.
beforeAll(() => {
  if (!distIsStale()) return;
  const tsc = path.resolve(PACKAGE_DIR, '../../node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: PACKAGE_DIR });
}, 120_000);

/** Direct children of `pid`, with what a test needs to find their files. */
function childrenOf(pid: number): { pid: number; cmdline: string; env: string[]; cwd: string }[] {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesised command: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      found.push({
        pid: Number(name),
        // nginx and redis rewrite theirs into one string: keep it one.
        cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' '),
        env: readFileSync(`/proc/${name}/environ`, 'utf8').split('\0'),
        cwd: readlinkSync(`/proc/${name}/cwd`),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (data: Buffer) => {
      err += data.toString();
    });
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`cli exited ${code} before ready: ${err}`)));
  });
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cases: [NodeJS.Signals, 'fs' | 's3', string][] = [
  ['SIGTERM', 'fs', 'stops everything and exits 0'],
  ['SIGINT', 'fs', 'stops everything and exits 0'],
  ['SIGKILL', 's3', 'leaves no process and no temp dir behind (the reaper)'],
];

describe('temp-contents-stack up', () => {
  it.each(cases)('on %s (%s storage) %s', async (signal, storage) => {
    const cli = spawn(
      process.execPath,
      [CLI, 'up', '--replicas', '2', '--storage', storage, '--env', 'TC_STATIC_TOKENS=s=acme:ci'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
    try {
      const ready = JSON.parse(await firstLine(cli)) as { baseUrl: string; replicas: string[] };
      expect(ready.replicas).toHaveLength(2);
      expect((await fetch(`${ready.baseUrl}/api/v1/temp-contents/x`)).status).toBe(401);

      const children = childrenOf(cli.pid as number);
      // Two replicas, nginx, the reaper (and Redis and versitygw with s3).
      expect(children.length).toBe(storage === 's3' ? 6 : 4);
      // Each one's temp dir: a replica's data, nginx's prefix, versitygw's root, Redis's cwd.
      const dirs = children.flatMap(({ cmdline, env, cwd }) => [
        ...env.filter((v) => v.startsWith('TC_DATA_DIR=')).map((v) => v.slice(12)),
        ...[/ -p (\S+)/.exec(cmdline)?.[1], / posix (\S+)/.exec(cmdline)?.[1]].filter(
          (dir) => dir !== undefined,
        ),
        ...(/redis-server /.test(cmdline) ? [cwd] : []),
      ]);
      expect(dirs.length).toBe(3);
      for (const dir of dirs) expect(existsSync(dir)).toBe(true);

      cli.kill(signal);
      const code = await exited;
      if (signal !== 'SIGKILL') expect(code).toBe(0);
      // Each child leads its own process group (nginx's workers are in the master's).
      await until(() => children.every((child) => !groupAlive(child.pid)));
      await until(() => dirs.every((dir) => !existsSync(dir)));
    } finally {
      cli.kill('SIGKILL');
    }
  });
});
