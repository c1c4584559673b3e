// The line every bench prints above its table: when it ran, on what, and how busy the shared
// machine was at the start and at the end (a figure means little without that).
import os from 'node:os';

export interface RunClock {
  startedAt: Date;
  /** 1-minute load average when the run started. */
  loadBefore: number;
}

/** Call when the run starts. */
export function startRunClock(): RunClock {
  return { startedAt: new Date(), loadBefore: os.loadavg()[0] ?? 0 };
}

/** Date, Node, CPUs, RAM, kernel, and the load average at the start and now (the end). */
export function describeMachine(clock: RunClock): string {
  const cpus = os.cpus();
  const loadAfter = os.loadavg()[0] ?? 0;
  return (
    `${clock.startedAt.toISOString()}; Node ${process.version}; ` +
    `${cpus[0]?.model ?? 'cpu'} × ${cpus.length}; ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ` +
    `Linux ${os.release()}; load average (1 min) ${clock.loadBefore.toFixed(2)} at start, ` +
    `${loadAfter.toFixed(2)} at end.`
  );
}
