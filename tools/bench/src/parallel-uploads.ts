// Parallel uploads (tus concatenation) against one upload, over loopback and over a slow link
// (`pnpm --filter @temp-contents/bench bench:parallel`). The built server (fs storage, as the
// comparison bench starts it) takes a file of random bytes from the project's client,
// `client.upload(file, { parallelUploads: n })`, for each n (default 1, 2, 4): straight over
// loopback, and through the slow-link proxy in its own process (default 20 ms each way,
// 200 Mbit/s per connection). Every upload is a tus upload (`resumable: true`, so n = 1 is one
// upload, not a plain POST), without retries (a retried request would hide in the figure).
// After each one: its details must give the file's size, in the first round one download must
// have the file's sha256, and the content and its partial uploads are deleted. Rounds are
// interleaved, the first count rotating from round to round. Prints one markdown table;
// figures only, never an assertion on them. Exits 1 when an upload or a check failed.
//
//   node dist/parallel-uploads.js [--quick] ...   (options: src/parallel-options.ts, or --help)
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  createTempContentsClient,
  sizeAsNumber,
  type TempContentsClient,
} from '@temp-contents/client';
import { makeTempDir } from '@temp-contents/stack';
import { type SlowLink, startSlowLink } from './load/slow-link.js';
import { describeMachine, startRunClock } from './machine.js';
import { type LinkId, type ParallelOptions, parallelOptions, USAGE } from './parallel-options.js';
import {
  type CountResult,
  emptyCountResult,
  formatParallelTable,
  type LinkResult,
} from './parallel-report.js';
import type { Peer } from './peers/peer.js';
import { startTempContents } from './peers/temp-contents.js';
import { type RandomFile, writeRandomFile } from './random-file.js';
import { sizeName } from './workloads/workload.js';

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
let options: ParallelOptions;
try {
  options = parallelOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exit(2);
}
const { quick, rounds, counts, links, sizes, slowLink, chunkSize, checksum } = options;
const log = (text: string) => process.stderr.write(`${text}\n`);
const mbit = (bytesPerSecond: number) => `${(bytesPerSecond * 8) / 1e6} Mbit/s`;

function linkTitle(id: LinkId): string {
  if (id === 'loopback') return 'loopback';
  const caps = [
    slowLink.perConnectionBytesPerSecond === undefined
      ? 'no cap per connection'
      : `${mbit(slowLink.perConnectionBytesPerSecond)} per connection`,
    ...(slowLink.aggregateBytesPerSecond === undefined
      ? []
      : [`${mbit(slowLink.aggregateBytesPerSecond)} in all`]),
  ];
  return `slow link (${slowLink.delayMs} ms each way, ${caps.join(', ')})`;
}

/** One upload of `file` with `count` parallel uploads, timed. */
async function timedUpload(client: TempContentsClient, file: RandomFile, count: number) {
  let partialUrls: string[] = [];
  const started = performance.now();
  const result = await client.upload(file.file, {
    parallelUploads: count,
    resumable: true,
    retryDelays: null,
    ...(chunkSize === undefined ? {} : { chunkSize }),
    ...(checksum ? {} : { checksum: false }),
    onPartialUploadUrls(urls) {
      partialUrls = urls;
    },
  });
  return { result, partialUrls, seconds: (performance.now() - started) / 1000 };
}

async function sha256Of(client: TempContentsClient, id: string): Promise<string> {
  const download = await client.download(id);
  const hash = createHash('sha256');
  const reader = download.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    hash.update(read.value);
  }
  return hash.digest('hex');
}

/** Uploads once, checks what was stored (over loopback), and deletes it and its partials. */
async function measure(
  peer: Peer,
  direct: TempContentsClient,
  client: TempContentsClient,
  file: RandomFile,
  count: number,
  into: CountResult,
) {
  const upload = await timedUpload(client, file, count);
  try {
    const details = await direct.details(upload.result.id);
    const stored = sizeAsNumber(details);
    if (stored !== file.size) throw new Error(`details give ${stored} B, not ${file.size}`);
    into.sizeChecked++;
    if (into.sha256 === 'not checked') {
      into.sha256 =
        (await sha256Of(direct, upload.result.id)) === file.sha256 ? 'match' : 'mismatch';
      if (into.sha256 === 'mismatch') throw new Error('the download differs from the file');
    }
    into.seconds.push(upload.seconds);
    if (count > 1) {
      // A final upload is created when its partials are done and completed when the server
      // has copied them into it: the server's own clock, in milliseconds.
      const copied = Date.parse(details.UpdatedAt) - Date.parse(details.CreatedAt);
      into.concatenation.push(copied / 1000);
    }
  } finally {
    for (const url of [upload.result.uploadUrl ?? upload.result.location, ...upload.partialUrls]) {
      await peer.remove(new URL(url).pathname);
    }
  }
}

const clock = startRunClock();
const work = await makeTempDir('tc-bench-parallel-');
let peer: Peer | undefined;
let proxy: SlowLink | undefined;
let failed = false;
try {
  const files = new Map<number, RandomFile>();
  for (const id of links) {
    const size = sizes[id];
    if (!files.has(size)) {
      log(`writing ${sizeName(size)} of random bytes...`);
      files.set(size, await writeRandomFile(path.join(work.path, `${size}.bin`), size));
    }
  }
  log('starting temp-contents...');
  peer = await startTempContents({ accel: false });
  const direct = createTempContentsClient({ baseUrl: peer.baseUrl, headers: peer.headers });
  const clients = new Map<LinkId, TempContentsClient>();
  if (links.includes('loopback')) clients.set('loopback', direct);
  if (links.includes('slow')) {
    log('starting the slow-link proxy...');
    proxy = await startSlowLink(peer.baseUrl, slowLink);
    clients.set(
      'slow',
      createTempContentsClient({ baseUrl: proxy.baseUrl, headers: peer.headers }),
    );
  }
  const results = new Map<LinkId, LinkResult>(
    links.map((id) => [
      id,
      {
        title: linkTitle(id),
        size: sizes[id],
        counts: new Map(counts.map((count) => [count, emptyCountResult()])),
      },
    ]),
  );

  for (let round = 0; round < rounds; round++) {
    const shift = round % counts.length;
    for (const id of links) {
      const link = results.get(id) as LinkResult;
      const file = files.get(link.size) as RandomFile;
      for (const count of [...counts.slice(shift), ...counts.slice(0, shift)]) {
        log(`round ${round + 1}/${rounds}: ${link.title}, ${sizeName(link.size)}, ${count}...`);
        const into = link.counts.get(count) as CountResult;
        try {
          await measure(peer, direct, clients.get(id) as TempContentsClient, file, count, into);
        } catch (error) {
          into.errors.push(`round ${round + 1}: ${(error as Error).message}`);
        }
      }
    }
  }

  const mode = quick ? ' (--quick: tiny sizes, figures not meaningful)' : '';
  const checksums = checksum
    ? "the client's default checksums (sha256 on every PATCH when the server offers it)"
    : 'no checksums';
  console.log(`## Parallel uploads (tus concatenation)${mode}

${describeMachine(clock)}
${peer.name} (fs backend) and the slow-link proxy in processes of their own, the client in the \
bench's. \`client.upload(file, { parallelUploads: n, resumable: true })\`, \
${chunkSize === undefined ? '8 MiB' : sizeName(chunkSize)} per PATCH, ${checksums}, no retries. \
${rounds} round(s), interleaved; medians over the rounds. Concatenation: the final upload's \
UpdatedAt − CreatedAt (its details), the time the server took to copy the partial uploads into \
it, part of the upload's time.
`);
  console.log(formatParallelTable([...results.values()], rounds));
  const problems = [...results.values()].flatMap((link) =>
    [...link.counts].flatMap(([count, result]) =>
      result.errors.map((error) => `- ${link.title}, ${count}: ${error}`),
    ),
  );
  if (problems.length > 0) console.log(`\n${problems.join('\n')}`);
  failed = problems.length > 0;
} finally {
  await proxy?.stop();
  await peer?.stop();
  await work.remove();
}
if (failed) process.exitCode = 1;
