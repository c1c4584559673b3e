// The comparison bench (`pnpm bench` at the root): temp-contents beside the servers it should
// be measured against, each started here in its own process on a loopback port: the stock
// @tus/server + @tus/file-store, tusd (built once from the Go module proxy), nginx serving
// files itself, a bare node:http server; and temp-contents again behind nginx with
// TC_ACCEL_REDIRECT. The load comes from other processes (curl for large bodies, wrk for
// request rates). Rounds are interleaved: in each round every workload runs on each subject
// in turn, the first subject rotating from round to round. Prints one markdown table (medians,
// spreads, peak RSS, ratios, the targets of issue 12); figures only, never an assertion on
// them. Exits 1 when a request failed (the figures would not mean what they say).
//
//   node dist/compare.js [--quick] ...     (options: src/compare-options.ts, or --help)
import path from 'node:path';
import { makeTempDir, nginxPath, requireBinary } from '@temp-contents/stack';
import { type CompareOptions, compareOptions, USAGE } from './compare-options.js';
import { wrkPath } from './load/wrk.js';
import { describeMachine, startRunClock } from './machine.js';
import { startNginxFiles } from './peers/nginx-files.js';
import { startBareNode, startTusNodeServer } from './peers/node-servers.js';
import type { Peer, PeerId } from './peers/peer.js';
import { startTempContents } from './peers/temp-contents.js';
import { findTusd, startTusd, TUSD_VERSION } from './peers/tusd.js';
import { highWaterMark, sampleRss } from './process-memory.js';
import { writeRandomFile } from './random-file.js';
import {
  formatMissedTargets,
  formatTable,
  type SubjectResult,
  type WorkloadResult,
} from './report.js';
import { type BenchContext, KiB, sizeName } from './workloads/workload.js';

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
let options: CompareOptions;
try {
  options = compareOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exit(2);
}
const { quick, rounds, seconds, connections, largeSize, rangeSize, workloads } = options;

const log = (text: string) => process.stderr.write(`${text}\n`);

// Fail before starting anything when a program is missing.
wrkPath();
requireBinary('curl', process.env.CURL_BIN ?? 'curl', 'CURL_BIN');
requireBinary('nginx', nginxPath(), 'NGINX_BIN');

const clock = startRunClock();
const work = await makeTempDir('tc-bench-compare-');
const peers = new Map<PeerId, Peer>();
const skipped = new Map<PeerId, string>();
let failed = false;
try {
  log(`writing the fixtures (${sizeName(largeSize)} of random bytes)...`);
  const storedOnce = new Map<string, Promise<string>>();
  const context: BenchContext = {
    quick,
    seconds,
    connections,
    large: await writeRandomFile(path.join(work.path, 'large.bin'), largeSize),
    small: await writeRandomFile(path.join(work.path, 'small.bin'), KiB),
    rangeSize,
    concurrent: {
      count: options.concurrent.count,
      ...(await writeRandomFile(path.join(work.path, 'concurrent.bin'), options.concurrent.size)),
    },
    workDir: work.path,
    stored(peer, file) {
      const key = `${peer.id} ${file}`;
      let stored = storedOnce.get(key);
      if (stored === undefined) {
        stored = peer.store(file);
        storedOnce.set(key, stored);
      }
      return stored;
    },
  };

  const needed = new Set(workloads.flatMap((w) => w.subjects));
  const tusd = needed.has('tusd') ? await findTusd(options.buildTusd) : undefined;
  if (tusd !== undefined && 'skipped' in tusd) {
    log(`tusd skipped: ${tusd.skipped}`);
    skipped.set('tusd', tusd.skipped);
  }
  const launchers: [PeerId, () => Promise<Peer>][] = [
    ['temp-contents', () => startTempContents({ accel: false })],
    ['temp-contents-accel', () => startTempContents({ accel: true })],
    ['tus-node', startTusNodeServer],
    ['node', startBareNode],
    ['nginx', startNginxFiles],
    ['tusd', () => startTusd((tusd as { binary: string }).binary)],
  ];
  for (const [id, launch] of launchers) {
    if (!needed.has(id) || skipped.has(id)) continue;
    log(`starting ${id}...`);
    peers.set(id, await launch());
  }

  const results: WorkloadResult[] = workloads.map((workload) => ({
    id: workload.id,
    title: workload.title(context),
    unit: workload.unit,
    subjects: new Map(
      workload.subjects.map((id): [PeerId, SubjectResult] => [
        id,
        {
          name: peers.get(id)?.name ?? (id === 'tusd' ? `tusd ${TUSD_VERSION}` : id),
          values: [],
          errors: [],
          peakRss: 0,
          skipped: skipped.get(id),
        },
      ]),
    ),
  }));

  for (const workload of workloads) {
    for (const id of workload.subjects) {
      const peer = peers.get(id);
      if (peer !== undefined) {
        log(`preparing ${workload.id} on ${id}...`);
        await workload.prepare?.(peer, context);
      }
    }
  }

  for (let round = 0; round < rounds; round++) {
    for (const [index, workload] of workloads.entries()) {
      const result = results[index] as WorkloadResult;
      const subjects = workload.subjects.filter((id) => peers.has(id));
      const shift = round % Math.max(subjects.length, 1);
      for (const id of [...subjects.slice(shift), ...subjects.slice(0, shift)]) {
        const peer = peers.get(id) as Peer;
        const subject = result.subjects.get(id) as SubjectResult;
        log(`round ${round + 1}/${rounds}: ${result.title} on ${peer.name}...`);
        const stop = sampleRss(peer.pids);
        try {
          const measured = await workload.run(peer, context);
          subject.values.push(measured.value);
          subject.errors.push(...measured.errors);
        } catch (error) {
          subject.errors.push((error as Error).message);
        } finally {
          subject.peakRss = Math.max(subject.peakRss, stop());
        }
      }
    }
  }

  const memory = [...new Set(workloads.flatMap((w) => w.subjects))].map((id) => {
    const peer = peers.get(id);
    return {
      id,
      name: peer?.name ?? (id === 'tusd' ? `tusd ${TUSD_VERSION}` : id),
      hwm: peer === undefined ? undefined : highWaterMark(peer.pids()),
    };
  });

  const mode = quick ? ' (--quick: tiny sizes, figures not meaningful)' : '';
  console.log(`## temp-contents comparison bench${mode}

${describeMachine(clock)}
${rounds} round(s), interleaved; wrk -t1 -c${connections} -d${seconds}s; curl for single large \
transfers. Medians over the rounds; "÷ it" is temp-contents' median divided by that server's \
(above 1: temp-contents is faster). Peak RSS: resident memory of the server's processes \
(nginx: master and worker; behind nginx: server and nginx), sampled every 20 ms.
`);
  console.log(formatTable(results, memory));
  const limits = formatMissedTargets(results, memory);
  if (limits !== '') console.log(`\n${limits}`);
  const problems = results.flatMap((workload) =>
    [...workload.subjects.values()]
      .filter((subject) => subject.errors.length > 0)
      .map((subject) => `- ${workload.title}, ${subject.name}: ${subject.errors.join('; ')}`),
  );
  const skippedNotes = [...skipped].map(([id, why]) => `- ${id} skipped: ${why}`);
  if (problems.length > 0 || skippedNotes.length > 0) {
    console.log(`\n${[...skippedNotes, ...problems].join('\n')}`);
  }
  failed = problems.length > 0;
} finally {
  for (const peer of peers.values()) await peer.stop();
  await work.remove();
}
if (failed) process.exitCode = 1;
