// Cost of tus checksums (prints figures; never asserts timings).
//
// 1. In-process: how fast this machine hashes with each algorithm the server offers (node:crypto,
//    1 MiB updates), as MiB/s and seconds per GiB.
// 2. Against ours (the built server, fs backend, started as the comparison bench starts it): one
//    PATCH of a whole upload (default 256 MiB, from a file of random bytes) without a checksum,
//    then with an Upload-Checksum header for each algorithm, then with a sha256 trailer. A
//    checksummed PATCH is received into a temporary file and hashed before it is stored, so its
//    extra cost is the hash plus one more write and read of the chunk (docs/tus.md, "Checksums").
//    The header's digest is computed before the timed request; the trailer's while sending (it
//    is part of the time, as for a real client).
//
//   pnpm --filter @temp-contents/bench bench:checksum [sizeMiB]
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TUS_CHECKSUM_ALGORITHMS } from '@temp-contents/contract';
import { createTusUpload, TUS_HEADERS } from './peers/peer.js';
import { startTempContents } from './peers/temp-contents.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const size = Number(process.argv[2] ?? '256') * MiB;
if (!Number.isInteger(size) || size < MiB) throw new Error('a size of at least 1 MiB expected');

const rows: Record<string, string>[] = [];
const perGiB = (seconds: number) => ((seconds * GiB) / size).toFixed(2);

// --- 1. hash throughput in this process -----------------------------------------------------
const block = randomBytes(MiB);
for (const algorithm of TUS_CHECKSUM_ALGORITHMS) {
  const hash = createHash(algorithm);
  const started = performance.now();
  for (let done = 0; done < size; done += MiB) hash.update(block);
  hash.digest();
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    measure: `hash ${size / MiB} MiB in process`,
    algorithm,
    'MiB/s': (size / MiB / seconds).toFixed(0),
    's per GiB': perGiB(seconds),
    'extra s per GiB': '',
  });
}

// --- 2. one PATCH through the server, with and without a checksum -----------------------------
const workDir = await mkdtemp(path.join(tmpdir(), 'tc-bench-checksum-'));
const file = path.join(workDir, 'body.bin');
await writeFile(file, randomBytes(size));
const peer = await startTempContents({ accel: false });

async function digestOf(algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** One PATCH of the whole file into a new upload; the seconds until its 204. */
async function timedPatch(mode: 'none' | 'header' | 'trailer', algorithm = 'sha256') {
  const upload = await createTusUpload(peer, size);
  const headers: Record<string, string> = {
    ...peer.headers,
    ...TUS_HEADERS,
    'content-type': 'application/offset+octet-stream',
    'upload-offset': '0',
  };
  if (mode === 'header') headers['upload-checksum'] = `${algorithm} ${await digestOf(algorithm)}`;
  if (mode === 'trailer') headers.trailer = 'Upload-Checksum';
  else headers['content-length'] = String(size);
  const started = performance.now();
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = http.request(`${peer.baseUrl}${upload}`, {
      method: 'PATCH',
      headers,
      agent: false,
    });
    req.on('response', resolve);
    req.on('error', reject);
    const hash = createHash(algorithm);
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        if (mode === 'trailer') hash.update(chunk);
        callback(null, chunk);
      },
    });
    pipeline(createReadStream(file), hashing, req, { end: false }).then(() => {
      if (mode === 'trailer') {
        req.addTrailers({ 'Upload-Checksum': `${algorithm} ${hash.digest('base64')}` });
      }
      req.end();
    }, reject);
  });
  let text = '';
  for await (const chunk of response) text += chunk;
  const seconds = (performance.now() - started) / 1000;
  if (response.statusCode !== 204) {
    throw new Error(`PATCH (${mode} ${algorithm}): ${response.statusCode} ${text}`);
  }
  await peer.remove(upload);
  return seconds;
}

try {
  await timedPatch('none'); // warm-up: the first upload pays for JIT and file creation
  const plain = await timedPatch('none');
  const row = (label: string, algorithm: string, seconds: number) =>
    rows.push({
      measure: `PATCH ${size / MiB} MiB, ${label}`,
      algorithm,
      'MiB/s': (size / MiB / seconds).toFixed(0),
      's per GiB': perGiB(seconds),
      'extra s per GiB': label === 'no checksum' ? '' : perGiB(seconds - plain),
    });
  row('no checksum', '-', plain);
  for (const algorithm of TUS_CHECKSUM_ALGORITHMS) {
    row('Upload-Checksum header', algorithm, await timedPatch('header', algorithm));
  }
  row('Upload-Checksum trailer', 'sha256', await timedPatch('trailer', 'sha256'));
} finally {
  await peer.stop();
  await rm(workDir, { recursive: true, force: true });
}

console.log(`node ${process.version}, ${peer.name} (fs backend), temporary files in ${tmpdir()}`);
console.table(rows);
