/**
 * For the tests that run the CLI as a process: where the package and the checkout are, the built
 * entry point (kept current by `ensureBuilt`, vitest's global setup), and `runProcess`, which
 * reports the exit code and output of a command instead of throwing.
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = resolve(packageDir, '../..');
export const cliEntry = join(packageDir, 'dist/cli/main.js');

/**
 * `PATH` with the Node running the tests first, so `#!/usr/bin/env node` scripts (an installed
 * bin, npm, pnpm) run on the same Node 24, whatever else is on the machine's PATH.
 */
export function pathWithThisNode(...before: string[]): string {
  return [...before, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
}

/** Builds dist/ when it is missing or older than a source file, so the CLI under test is current. */
export async function ensureBuilt(): Promise<void> {
  const built = await stat(cliEntry).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = await readdir(join(packageDir, 'src'), { recursive: true });
  let newest = 0;
  for (const file of sources) {
    if (file.endsWith('.ts'))
      newest = Math.max(newest, (await stat(join(packageDir, 'src', file))).mtimeMs);
  }
  if (built > newest) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir });
}

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Milliseconds before the process is killed (it then fails the test with its output). */
  timeout?: number;
}

/** Runs `file` with `args`; a non-zero exit is an outcome, not an exception. */
export async function runProcess(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, args, {
      ...options,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; signal?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') {
      // Not an exit status: the command was not found, or was killed (timeout).
      const why = typeof failed.code === 'string' ? failed.code : `signal ${String(failed.signal)}`;
      throw new Error(`${file} ${args.join(' ')}: ${why}\n${failed.stderr ?? ''}`, {
        cause: error,
      });
    }
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
