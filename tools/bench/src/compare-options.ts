// The comparison bench's command line: sizes, durations and rounds, full or --quick.
import { parseArgs } from 'node:util';
import { positiveInteger as positive } from './option-values.js';
import { WORKLOADS } from './workloads/index.js';
import { KiB, MiB, type Workload } from './workloads/workload.js';

export interface CompareOptions {
  quick: boolean;
  rounds: number;
  seconds: number;
  connections: number;
  largeSize: number;
  rangeSize: number;
  concurrent: { count: number; size: number };
  workloads: Workload[];
  /** Build tusd with `go install` when it is not in .tools/bin yet. */
  buildTusd: boolean;
}

export const USAGE = `usage: pnpm bench [--quick] [--rounds N] [--seconds S] [--connections C]
                  [--size-mib N] [--only id,...] [--no-tusd-build]
  --quick          tiny sizes, 1 s per wrk run, 1 round (CI: the bench still works)
  --rounds         rounds, each running every workload on every server in turn (default 3)
  --seconds        seconds per wrk run (default 10)
  --connections    wrk connections, one thread (default 16)
  --size-mib       the large file's size (default 1024)
  --only           workloads to run: ${WORKLOADS.map((w) => w.id).join(', ')}
  --no-tusd-build  skip tusd unless .tools/bin has it already (no go install)`;

export function compareOptions(argv: string[]): CompareOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      'size-mib': { type: 'string' },
      only: { type: 'string' },
      'no-tusd-build': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const only = values.only?.split(',');
  const unknown = only?.filter((id) => !WORKLOADS.some((w) => w.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: no workload ${unknown.join(', ')}\n${USAGE}`);
  const rangeSize = quick ? 64 * KiB : MiB;
  const largeSize = positive('size-mib', values['size-mib'], quick ? 8 : 1024) * MiB;
  if (largeSize < rangeSize) throw new Error('--size-mib: at least 1 (ranges are 1 MiB)');
  return {
    quick,
    rounds: positive('rounds', values.rounds, quick ? 1 : 3),
    seconds: positive('seconds', values.seconds, quick ? 1 : 10),
    connections: positive('connections', values.connections, 16),
    largeSize,
    rangeSize,
    concurrent: { count: 64, size: quick ? 64 * KiB : 16 * MiB },
    workloads: WORKLOADS.filter((w) => only === undefined || only.includes(w.id)),
    buildTusd: values['no-tusd-build'] !== true,
  };
}
