// Memory of the processes under test, read from /proc (Linux): what each benchmark reports
// beside its figures.
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set now (VmRSS) and its high-water mark (VmHWM) of one process, in bytes. */
export function procStatus(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

/** The pids in process group `pgid` (a server and, for nginx, its workers). */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces): state ppid pgrp ...
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) members.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return members;
}

/** Sum over `pids` of `key`; processes that are gone count 0. */
function total(pids: number[], key: 'rss' | 'hwm'): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += procStatus(pid)[key];
    } catch {}
  }
  return sum;
}

/**
 * Samples the summed VmRSS of `pids()` every `everyMs` until stopped; returns the highest value
 * seen. A spike shorter than the period can slip between samples: VmHWM (`highWaterMark`)
 * catches those, per process.
 */
export function sampleRss(pids: () => number[], everyMs = 20): () => number {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, total(pids(), 'rss'));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

/** Summed VmHWM of `pids`: each process's own peak since it started. */
export function highWaterMark(pids: number[]): number {
  return total(pids, 'hwm');
}
