// What the comparison bench runs: a workload is one kind of request, measured on each of its
// subjects (ours first) in turn, once per round.
import type { Peer, PeerId } from '../peers/peer.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export interface BenchContext {
  quick: boolean;
  /** wrk: seconds per run and connections (one thread). */
  seconds: number;
  connections: number;
  /** The large file (1 GiB; tiny with --quick), random bytes. */
  large: { file: string; size: number };
  /** The small body (1 KiB). */
  small: { file: string; size: number };
  rangeSize: number;
  concurrent: { count: number; file: string; size: number };
  /** Scratch space (curl config files). */
  workDir: string;
  /** Stores `file` on `peer` once for the whole bench; the path to GET it. */
  stored(peer: Peer, file: string): Promise<string>;
}

export interface Measurement {
  value: number;
  /** What went wrong in this run (non-2xx answers, socket errors, short transfers). */
  errors: string[];
}

export interface Workload {
  id: string;
  title(context: BenchContext): string;
  unit: 'MiB/s' | 'req/s';
  /** Ours first: the ratios in the table are ours ÷ each other subject. */
  subjects: PeerId[];
  /** Once per subject before the first round: fixtures, and a check the request works. */
  prepare?(peer: Peer, context: BenchContext): Promise<void>;
  run(peer: Peer, context: BenchContext): Promise<Measurement>;
}

export function sizeName(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} B`;
}

/** Throws unless `response` has `status`, naming the subject and the body. */
export async function expectStatus(peer: Peer, what: string, response: Response, status: number) {
  const body = await response.text();
  if (response.status !== status) {
    throw new Error(`${peer.name}: ${what} answered ${response.status}, not ${status}: ${body}`);
  }
}
