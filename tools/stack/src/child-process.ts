import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process of the stack, with its output kept for error messages. */
export interface Managed {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
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
  });
  let output = '';
  const keep = (data: Buffer) => {
    // Enough to explain a failed start, bounded for long-running processes.
    output = (output + data.toString('utf8')).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
    child.once('error', (error) => {
      keep(Buffer.from(String(error)));
      resolve('error');
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (!alive()) return void (await exited);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
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
