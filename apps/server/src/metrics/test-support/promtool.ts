import { spawnSync } from 'node:child_process';

/**
 * promtool, Prometheus's own checker (Debian's `prometheus` package; `scripts/install-promtool.sh`
 * installs it, `pnpm test:all` runs that first). `$PROMTOOL_BIN` names another one.
 * Undefined when there is none; in CI (`CI` set) that is an error, not a reason to skip.
 */
export function findPromtool(): string | undefined {
  const bin = process.env.PROMTOOL_BIN ?? 'promtool';
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return bin;
  if (process.env.CI !== undefined) {
    throw new Error(
      `${bin} is missing in CI: scripts/install-promtool.sh should have installed it`,
    );
  }
  return undefined;
}

export const PROMTOOL_MISSING =
  'promtool is not installed: run `bash scripts/install-promtool.sh` (pnpm test:all does)';

/** Runs `promtool <args>` (with `input` on stdin, in `cwd`); its exit status and all it printed. */
export function promtool(
  bin: string,
  args: readonly string[],
  input?: string,
  cwd?: string,
): { status: number | null; output: string } {
  const run = spawnSync(bin, args, { encoding: 'utf8', input, cwd, timeout: 60_000 });
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}
