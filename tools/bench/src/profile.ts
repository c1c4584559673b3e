// bench:profile — where temp-contents spends its time in one workload of the comparison bench:
// the built server is started with --cpu-prof (and the launchers' own flags), the workload is
// prepared and run once exactly as `pnpm bench` runs it, the server stops and writes its
// profile, and this prints the figure beside a summary of the profile (idle, garbage collection,
// the functions and packages that took the time). The profile itself is kept for DevTools.
//
//   node dist/profile.js <workload> [--seconds S] [--size-mib N] [--out DIR] [--quick]
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeTempDir } from '@temp-contents/stack';
import { formatProfileSummary, summarizeProfile } from './cpu-profile-summary.js';
import { describeMachine, startRunClock } from './machine.js';
import { positiveInteger } from './option-values.js';
import { startTempContents } from './peers/temp-contents.js';
import { writeRandomFile } from './random-file.js';
import { WORKLOADS } from './workloads/index.js';
import { type BenchContext, KiB, MiB } from './workloads/workload.js';

const PROFILED = WORKLOADS.filter((workload) => workload.subjects.includes('temp-contents'));

export const PROFILE_USAGE = `usage: pnpm --filter @temp-contents/bench bench:profile <workload>
                  [--seconds S] [--size-mib N] [--out DIR] [--quick]
  workload     one of: ${PROFILED.map((w) => w.id).join(', ')}
  --seconds    seconds of wrk load (default 10)
  --size-mib   the large file's size (default 1024)
  --out        where to keep the .cpuprofile (default tools/bench/reports/profiles)
  --quick      tiny sizes and 1 s (CI: the instrument still works)`;

const log = (text: string) => process.stderr.write(`${text}\n`);

function options(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seconds: { type: 'string' },
      'size-mib': { type: 'string' },
      out: { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const workload = PROFILED.find((w) => w.id === positionals[0]);
  if (workload === undefined || positionals.length !== 1) {
    throw new Error(`name one workload (${positionals.join(' ') || 'none given'})`);
  }
  const quick = values.quick === true;
  return {
    workload,
    quick,
    seconds: positiveInteger('seconds', values.seconds, quick ? 1 : 10),
    largeSize: positiveInteger('size-mib', values['size-mib'], quick ? 8 : 1024) * MiB,
    out: path.resolve(values.out ?? path.join(import.meta.dirname, '..', 'reports', 'profiles')),
  };
}

let parsed: ReturnType<typeof options>;
try {
  parsed = options(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${PROFILE_USAGE}`);
  process.exit(2);
}
if (parsed === undefined) {
  console.log(PROFILE_USAGE);
  process.exit(0);
}
const { workload, quick, seconds, largeSize, out } = parsed;

const clock = startRunClock();
const work = await makeTempDir('tc-bench-profile-');
const profiles = path.join(work.path, 'profiles');
let failed = false;
try {
  log('writing the fixtures...');
  const context: BenchContext = {
    quick,
    seconds,
    connections: 16,
    large: await writeRandomFile(path.join(work.path, 'large.bin'), largeSize),
    small: await writeRandomFile(path.join(work.path, 'small.bin'), KiB),
    rangeSize: quick ? 64 * KiB : MiB,
    concurrent: {
      count: 64,
      ...(await writeRandomFile(
        path.join(work.path, 'concurrent.bin'),
        quick ? 64 * KiB : 16 * MiB,
      )),
    },
    workDir: work.path,
    stored: (peer, file) => peer.store(file),
  };
  log('starting temp-contents with --cpu-prof...');
  const peer = await startTempContents({
    accel: false,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profiles}`],
  });
  let figure: string;
  let runStarted = 0;
  let runEnded = 0;
  try {
    await workload.prepare?.(peer, context);
    log(`running ${workload.id}...`);
    runStarted = performance.now();
    const measured = await workload.run(peer, context);
    runEnded = performance.now();
    failed = measured.errors.length > 0;
    figure = `${measured.value.toFixed(measured.value < 100 ? 1 : 0)} ${workload.unit}`;
    if (failed) figure += ` (errors: ${measured.errors.join('; ')})`;
  } finally {
    // The profile is written when the process exits.
    await peer.stop();
  }
  const [name] = (await readdir(profiles)).filter((file) => file.endsWith('.cpuprofile'));
  if (name === undefined) throw new Error('the server exited without writing a CPU profile');
  const profile = JSON.parse(await readFile(path.join(profiles, name), 'utf8'));
  // The profile ends when the server exits, just after stop() returned: the run is the window
  // from (now - runStarted) to (now - runEnded) before its end.
  const now = performance.now();
  const window = { fromEnd: (now - runStarted) / 1000, toEnd: (now - runEnded) / 1000 };
  await mkdir(out, { recursive: true });
  const kept = path.join(out, `${workload.id}.cpuprofile`);
  await copyFile(path.join(profiles, name), kept);

  const mode = quick ? ' (--quick: tiny sizes, figures not meaningful)' : '';
  console.log(`## CPU profile of temp-contents: ${workload.title(context)}${mode}

${describeMachine(clock)}
One run as \`pnpm bench\` runs it: ${figure}. The summary covers that run only (not the server's
start-up, the preparation or the stop); the whole profile is ${kept} (Chrome DevTools,
Performance).

${formatProfileSummary(summarizeProfile(profile, { window }))}`);
} finally {
  await work.remove();
}
process.exitCode = failed ? 1 : 0;
