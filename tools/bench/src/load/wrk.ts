// Request-rate loads with wrk (Debian's), a separate process: -t1 -c16 by default, a Lua
// script from wrk/ that sets the request and prints a result line we parse.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireBinary } from '@temp-contents/stack';

/** wrk/ beside src/ and dist/. */
const SCRIPTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'wrk');

export interface WrkOptions {
  url: string;
  /** `fixed` (one request, optional body) or `random-range`. */
  script: 'fixed' | 'random-range';
  headers?: Record<string, string>;
  /** BENCH_* variables the script reads. */
  env?: Record<string, string>;
  seconds: number;
  connections: number;
  threads?: number;
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  /** Answers outside 2xx/3xx. */
  statusErrors: number;
  /** Connect, read, write errors and timeouts. */
  socketErrors: number;
}

export function wrkPath(): string {
  return requireBinary('wrk', process.env.WRK_BIN ?? '/usr/bin/wrk', 'WRK_BIN');
}

export function runWrk(options: WrkOptions): Promise<WrkResult> {
  const headers = Object.entries(options.headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '30s',
    '-s',
    path.join(SCRIPTS, `${options.script}.lua`),
    options.url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(wrkPath(), args, {
      env: { ...process.env, ...options.env, BENCH_HEADERS: headers },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = /^BENCH_RESULT (.*)$/m.exec(out)?.[1];
      if (code !== 0 || line === undefined) {
        reject(new Error(`wrk ${args.join(' ')} exited with ${code}: ${out.trim()}`));
        return;
      }
      const result = JSON.parse(line) as Record<string, number>;
      const n = (key: string) => result[key] ?? 0;
      resolve({
        requestsPerSecond: n('requests') / (n('microseconds') / 1e6),
        requests: n('requests'),
        statusErrors: n('status'),
        socketErrors: n('connect') + n('read') + n('write') + n('timeout'),
      });
    });
  });
}
