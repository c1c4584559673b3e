// Large-transfer benchmark (prints figures; never asserts timings).
//
// Side by side with a baseline (dist/baseline-server.js: bare node:http piping to a file), so
// the figures say what temp-contents costs on top of what this machine and Node can do at all.
//
// The s3 rows run temp-contents on versitygw + Redis (started by @temp-contents/stack) beside
// @tus/s3-store alone on the same gateway (dist/s3-store-baseline-server.js).
//
// For each size (default 64 MiB and 1 GiB): starts the built server (apps/server/dist/main.js)
// in a child process on an ephemeral port with a fresh data dir, uploads a generated stream
// (never a file or a buffer of that size), downloads it, compares sha256, and reports the
// server's throughput and memory: resident set before, peak sampled during each phase, and the
// kernel's high-water mark (VmHWM). If memory does not grow with body size, the two rows show
// about the same peak.
//
//   pnpm --filter @temp-contents/bench bench:large [sizeMiB ...]   (builds, then runs dist/large-transfer.js)
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, RequestOptions } from 'node:http';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { startObjectStore, startRedis } from '@temp-contents/stack';
import { procStatus, sampleRss } from './process-memory.js';

const MiB = 1024 * 1024;
const TOKEN = 'bench-token';
const require = createRequire(import.meta.url);
const serverMain = path.join(path.dirname(require.resolve('@temp-contents/server')), 'main.js');

const sizes = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['64', '1024']).map(
  (s) => {
    const mib = Number(s);
    if (!Number.isInteger(mib) || mib < 1) throw new Error(`size in MiB expected, got ${s}`);
    return mib * MiB;
  },
);

/** A server under test: how to start it on a data dir, and where the upload goes. */
interface Subject {
  name: string;
  /** Argument list for `node`. */
  argv(dataDir: string): string[];
  env: Record<string, string>;
  /** Needs the object store and Redis (started once, shared by such subjects). */
  s3?: boolean;
  uploadPath: string;
  headers: Record<string, string>;
}

const SERVER_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  TC_STATIC_TOKENS: `${TOKEN}=bench:bench`,
  TC_RATE_LIMIT: 'off',
  TC_LOG_LEVEL: 'warn',
  TC_MAX_UPLOAD_BYTES: String(64 * 1024 * MiB),
};
const here = path.dirname(fileURLToPath(import.meta.url));

const SUBJECTS: Subject[] = [
  {
    name: 'baseline: node:http piping to a file',
    argv: (dataDir) => [
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline-server.js'),
      dataDir,
    ],
    env: {},
    uploadPath: '/upload',
    headers: {},
  },
  {
    name: 'temp-contents (fs)',
    argv: () => [serverMain],
    env: SERVER_ENV,
    uploadPath: '/api/v1/temp-contents?filename=bench.bin',
    headers: { authorization: `Bearer ${TOKEN}` },
  },
  {
    name: 'baseline: raw @tus/s3-store on versitygw',
    argv: () => [path.join(here, 's3-store-baseline-server.js')],
    env: {},
    s3: true,
    uploadPath: '/upload',
    headers: {},
  },
  {
    name: 'temp-contents (s3: versitygw + Redis)',
    argv: () => [serverMain],
    env: { ...SERVER_ENV, TC_STORAGE: 's3' },
    s3: true,
    uploadPath: '/api/v1/temp-contents?filename=bench.bin',
    headers: { authorization: `Bearer ${TOKEN}` },
  },
];

/** versitygw and Redis on loopback for the s3 subjects (tools/stack), started on first use. */
let scaleOut: Promise<{ env: Record<string, string>; stop(): Promise<void> }> | undefined;
function scaleOutEnv() {
  scaleOut ??= (async () => {
    const [objects, redis] = await Promise.all([startObjectStore(), startRedis()]);
    return {
      env: { ...objects.env, TC_REDIS_URL: redis.url },
      stop: async () => {
        await Promise.all([objects.stop(), redis.stop()]);
      },
    };
  })();
  return scaleOut;
}

async function startServer(subject: Subject, dataDir: string) {
  const shared = subject.s3 === true ? (await scaleOutEnv()).env : {};
  const child = spawn(process.execPath, subject.argv(dataDir), {
    env: { ...process.env, ...shared, ...subject.env, TC_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, origin };
}

/** `size` bytes of pseudo-random data, generated 1 MiB at a time, hashed as it goes. */
function generated(size: number, hash: ReturnType<typeof createHash>): Readable {
  const block = randomBytes(MiB);
  let sent = 0;
  let counter = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const chunk = Buffer.from(block.subarray(0, Math.min(MiB, size - sent)));
      chunk.writeUInt32BE(counter++ >>> 0, 0);
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

function request(
  origin: string,
  options: RequestOptions & { path: string },
  body?: Readable,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(options.path, origin), { ...options, agent: false }, resolve);
    req.on('error', reject);
    if (body === undefined) req.end();
    else pipeline(body, req).catch(reject);
  });
}

async function run(subject: Subject, size: number): Promise<Record<string, string | boolean>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tc-bench-'));
  const { child, origin } = await startServer(subject, dataDir);
  try {
    const auth = subject.headers;
    // Warm-up so the memory before includes a served request.
    await (await fetch(`${origin}/ready`)).text();
    const baseline = procStatus(child.pid as number).rss;

    const sent = createHash('sha256');
    const pid = child.pid as number;
    let stop = sampleRss(() => [pid]);
    let started = performance.now();
    const res = await request(
      origin,
      {
        method: 'POST',
        path: subject.uploadPath,
        headers: {
          ...auth,
          'content-type': 'application/octet-stream',
          'content-length': String(size),
        },
      },
      generated(size, sent),
    );
    let text = '';
    for await (const chunk of res) text += chunk;
    const uploadSeconds = (performance.now() - started) / 1000;
    const uploadPeak = stop();
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${text}`);
    const location = res.headers.location as string;

    const received = createHash('sha256');
    let receivedBytes = 0;
    stop = sampleRss(() => [pid]);
    started = performance.now();
    const download = await request(origin, { method: 'GET', path: location, headers: auth });
    await pipeline(
      download,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          received.update(chunk);
          receivedBytes += chunk.length;
          callback();
        },
      }),
    );
    const downloadSeconds = (performance.now() - started) / 1000;
    const downloadPeak = stop();
    const { hwm } = procStatus(pid);
    const same = sent.digest('hex') === received.digest('hex') && receivedBytes === size;
    return {
      server: subject.name,
      size: `${size / MiB} MiB`,
      'sha256 match': same,
      'upload MiB/s': (size / MiB / uploadSeconds).toFixed(0),
      'download MiB/s': (size / MiB / downloadSeconds).toFixed(0),
      'RSS before MiB': (baseline / MiB).toFixed(1),
      'peak RSS upload MiB': (uploadPeak / MiB).toFixed(1),
      'peak RSS download MiB': (downloadPeak / MiB).toFixed(1),
      'VmHWM MiB': (hwm / MiB).toFixed(1),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

const rows: Record<string, string | boolean>[] = [];
for (const size of sizes) {
  for (const subject of SUBJECTS) {
    process.stderr.write(`transferring ${size / MiB} MiB through ${subject.name}...\n`);
    rows.push(await run(subject, size));
  }
}
await (await scaleOut)?.stop();
console.log(`node ${process.version}, ${serverMain}`);
console.table(rows);
if (rows.some((row) => !row['sha256 match'])) process.exitCode = 1;
