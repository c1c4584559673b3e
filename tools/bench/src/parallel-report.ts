// The parallel-upload bench's markdown table: per link and parallel upload count, the median
// throughput over the rounds, their spread, the speedup over one upload on the same link, the
// time after the last byte was sent, and what was checked of the stored content.
import { figure, markdownTable, median } from './report.js';
import { MiB, sizeName } from './workloads/workload.js';

export interface CountResult {
  /** Seconds per upload, one per round that succeeded. */
  seconds: number[];
  /** Seconds the server took to copy the partial uploads into the final one (n > 1). */
  concatenation: number[];
  /** Rounds whose content's details gave the file's size. */
  sizeChecked: number;
  /** The sha256 of one download of the content (in the first round) against the file's. */
  sha256: 'match' | 'mismatch' | 'not checked';
  errors: string[];
}

export interface LinkResult {
  /** How the table names the link. */
  title: string;
  size: number;
  /** By parallel upload count, in the order run. */
  counts: Map<number, CountResult>;
}

export const PARALLEL_COLUMNS = [
  'link',
  'size',
  'parallel uploads',
  'median',
  'rounds (min–max)',
  'speedup vs 1',
  'concatenation (median)',
  'verified',
];

export function emptyCountResult(): CountResult {
  return { seconds: [], concatenation: [], sizeChecked: 0, sha256: 'not checked', errors: [] };
}

export function formatParallelTable(links: LinkResult[], rounds: number): string {
  const rows: string[][] = [];
  for (const link of links) {
    const rate = (seconds: number) => link.size / MiB / seconds;
    const single = link.counts.get(1);
    const singleMedian =
      single !== undefined && single.seconds.length > 0 ? median(single.seconds.map(rate)) : 0;
    for (const [count, result] of link.counts) {
      const rates = result.seconds.map(rate);
      const measured = rates.length > 0;
      const flagged = result.errors.length > 0 ? ' (errors)' : '';
      rows.push([
        link.title,
        sizeName(link.size),
        String(count),
        measured ? `${figure(median(rates))} MiB/s${flagged}` : `no run${flagged}`,
        measured ? `${figure(Math.min(...rates))}–${figure(Math.max(...rates))}` : '',
        measured && singleMedian > 0 ? `${(median(rates) / singleMedian).toFixed(2)}×` : '',
        result.concatenation.length > 0 ? `${median(result.concatenation).toFixed(2)} s` : '',
        `size ${result.sizeChecked}/${rounds}, sha256 ${result.sha256}`,
      ]);
    }
  }
  return markdownTable(PARALLEL_COLUMNS, rows);
}
