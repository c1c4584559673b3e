import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { reapGroupOnExit } from './reaper.js';

/** A child process of the stack, with its output kept for error messages. */
export interface Managed {
  child: ChildProcess;
  /** The leader's pid, which is also its process group's id. */
  pid: number | undefined;
  /** stdout and stderr interleaved, the last 16 KiB (enough to explain a failed start). */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process group is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole process group. */
  kill9(): Promise<void>;
}

export function startManaged(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Managed {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Leader of its own process group: killing the group takes its workers too, a Ctrl-C aimed
    // at the caller does not reach it (the caller stops it in order), and the reaper can kill
    // it should the caller die without stopping it.
    detached: true,
  });
  const pid = child.pid;
  const release = pid === undefined ? () => undefined : reapGroupOnExit(pid);
  const killGroup = (signal: NodeJS.Signals) => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: the group is already empty.
    }
  };
  const limit = (text: string) => text.slice(-16_384);
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => {
    stdout = limit(stdout + data.toString('utf8'));
    output = limit(output + data.toString('utf8'));
  });
  child.stderr?.on('data', (data: Buffer) => {
    stderr = limit(stderr + data.toString('utf8'));
    output = limit(output + data.toString('utf8'));
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', async (code, signal) => {
      // Whatever the leader left behind (workers of a crashed master) goes with it. Bounded:
      // a killed orphan lingers as a zombie where PID 1 does not reap.
      killGroup('SIGKILL');
      for (let waited = 0; pid !== undefined && groupAlive(pid) && waited < 2000; waited += 20) {
        await sleep(20);
      }
      release();
      resolve(signal ?? String(code));
    });
    child.once('error', (error) => {
      output = limit(`${output}${String(error)}`);
      resolve('error');
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid,
    output: () => output,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop(graceMs = 10_000) {
      if (!alive()) return void (await exited);
      child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (alive()) killGroup('SIGKILL');
      await exited;
    },
  };
}

/** True while any process of the group `pgid` exists (tests use it to prove nothing is left). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Polls `probe` until it resolves true, the process exits, or `timeoutMs` passes. Busy machines
 * start processes slowly: budgets are generous and nothing is assumed about timing.
 */
export async function waitUntilReady(
  what: string,
  managed: Managed,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  let gone = false;
  void managed.exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${what} exited before it was ready: ${managed.output().trim()}`);
    if (await probe().catch(() => false)) return;
    await sleep(25);
  }
  await managed.kill9();
  throw new Error(`${what} not ready after ${timeoutMs} ms: ${managed.output().trim()}`);
}
