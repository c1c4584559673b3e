// The comparison bench's one markdown table: per workload, each subject's median over the
// rounds, the spread, its peak RSS during that workload, ours ÷ it, and the target on that
// pair with met or missed; then each subject's peak RSS over the whole bench.
import type { PeerId } from './peers/peer.js';
import { RATIO_TARGETS, type RatioTarget, RSS_TARGET } from './targets.js';

export interface SubjectResult {
  name: string;
  values: number[];
  errors: string[];
  /** Highest summed VmRSS sampled during this workload's runs. */
  peakRss: number;
  /** Why it did not run (tusd not built). */
  skipped?: string;
}

export interface WorkloadResult {
  id: string;
  title: string;
  unit: string;
  /** In the workload's order, ours first. */
  subjects: Map<PeerId, SubjectResult>;
}

export interface WholeBenchMemory {
  id: PeerId;
  name: string;
  /** Summed VmHWM of its processes at the end, or undefined when it did not run. */
  hwm?: number;
}

export const COLUMNS = [
  'workload',
  'server',
  'median',
  'rounds (min–max)',
  'peak RSS',
  'temp-contents ÷ it',
  'behind nginx ÷ it',
  'target',
  'met',
];

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** A figure for a table: whole above 100, else three significant digits. */
export const figure = (value: number) => (value >= 100 ? value.toFixed(0) : value.toPrecision(3));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ratio = (value: number) => `${value.toFixed(2)}×`;

function medianOf(result: SubjectResult | undefined): number | undefined {
  if (result === undefined || result.skipped !== undefined || result.values.length === 0) {
    return undefined;
  }
  return median(result.values);
}

type Outcome = 'met' | 'missed' | 'not measured';

function ratioOutcome(workload: WorkloadResult, target: RatioTarget): Outcome {
  const achieved = medianOf(workload.subjects.get(target.ours));
  const value = medianOf(workload.subjects.get(target.peer));
  if (achieved === undefined || value === undefined) return 'not measured';
  return achieved / value >= target.atLeast ? 'met' : 'missed';
}

function rssOutcome(hwm: number | undefined): Outcome {
  if (hwm === undefined) return 'not measured';
  return hwm < RSS_TARGET.below ? 'met' : 'missed';
}

export function formatTable(workloads: WorkloadResult[], memory: WholeBenchMemory[]): string {
  const rows: string[][] = [];
  for (const workload of workloads) {
    const ours = medianOf(workload.subjects.get('temp-contents'));
    const accel = workload.subjects.has('temp-contents-accel')
      ? medianOf(workload.subjects.get('temp-contents-accel'))
      : undefined;
    for (const [id, result] of workload.subjects) {
      const value = medianOf(result);
      const divide = (mine: number | undefined, self: PeerId) =>
        mine === undefined || value === undefined || id === self ? '' : ratio(mine / value);
      const target = RATIO_TARGETS.find((t) => t.workload === workload.id && t.peer === id);
      const met = target === undefined ? '' : ratioOutcome(workload, target);
      const flagged = result.errors.length > 0 ? ' (errors)' : '';
      rows.push([
        workload.title,
        result.name,
        value === undefined
          ? `skipped: ${result.skipped ?? 'no run'}`
          : `${figure(value)} ${workload.unit}${flagged}`,
        value === undefined
          ? ''
          : `${figure(Math.min(...result.values))}–${figure(Math.max(...result.values))}`,
        value === undefined ? '' : mb(result.peakRss),
        divide(ours, 'temp-contents'),
        workload.subjects.has('temp-contents-accel') ? divide(accel, 'temp-contents-accel') : '',
        target === undefined ? '' : `≥ ${target.atLeast.toFixed(1)}×`,
        met,
      ]);
    }
  }
  for (const subject of memory) {
    const target = subject.id === RSS_TARGET.peer ? RSS_TARGET : undefined;
    rows.push([
      'peak RSS, whole bench (VmHWM)',
      subject.name,
      subject.hwm === undefined ? 'skipped' : mb(subject.hwm),
      '',
      '',
      '',
      '',
      target === undefined ? '' : `< ${mb(target.below)}`,
      target === undefined ? '' : rssOutcome(subject.hwm),
    ]);
  }
  return markdownTable(COLUMNS, rows);
}

/**
 * One line per missed target: what limits it (targets.ts), and the command that profiles ours
 * on that workload. Empty when every measured target is met.
 */
export function formatMissedTargets(
  workloads: WorkloadResult[],
  memory: WholeBenchMemory[],
): string {
  const lines: string[] = [];
  for (const workload of workloads) {
    for (const target of RATIO_TARGETS.filter((t) => t.workload === workload.id)) {
      if (ratioOutcome(workload, target) !== 'missed') continue;
      const peer = workload.subjects.get(target.peer)?.name ?? target.peer;
      lines.push(
        `- ${workload.title} ≥ ${target.atLeast.toFixed(1)}× ${peer}, missed: ${target.limit}. ` +
          `Profile: \`pnpm --filter @temp-contents/bench bench:profile ${workload.id}\`.`,
      );
    }
  }
  const ours = memory.find((subject) => subject.id === RSS_TARGET.peer);
  if (ours !== undefined && rssOutcome(ours.hwm) === 'missed') {
    lines.push(`- peak RSS < ${mb(RSS_TARGET.below)}, missed: ${RSS_TARGET.limit}.`);
  }
  return lines.length === 0 ? '' : `What limits the missed targets:\n\n${lines.join('\n')}`;
}

/** A markdown table: the header, its separator, a line per row. */
export function markdownTable(columns: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}
