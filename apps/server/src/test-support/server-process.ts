import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKENS } from './test-app.js';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(PACKAGE_DIR, 'dist', 'main.js');

/**
 * The crash tests run the real server binary (`dist/main.js`), so it must match the sources:
 * rebuild when any non-test source file is newer than the last build.
 */
export function ensureServerBuilt(): void {
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    built = 0;
  }
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'test-support' ? 0 : newest(full);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
          ? statSync(full).mtimeMs
          : 0;
      }),
    );
  if (newest(path.join(PACKAGE_DIR, 'src')) > built) {
    execFileSync(process.execPath, [tscPath(), '-p', 'tsconfig.build.json'], {
      cwd: PACKAGE_DIR,
      stdio: 'inherit',
    });
  }
}

function tscPath(): string {
  // typescript is a root devDependency; resolve its compiler entry from the workspace root.
  return path.resolve(PACKAGE_DIR, '../../node_modules/typescript/bin/tsc');
}

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout so far (the banner, the dev-token lines). */
  stdout(): string;
  /** SIGTERM, then resolves with the exit code once the process is gone. */
  terminate(): Promise<number | null>;
  /** SIGKILL: no shutdown hook, no flush, nothing but what already reached the kernel. */
  kill9(): Promise<void>;
}

/** The environment every server process starts from: no inherited TC_* settings. */
function baseEnv(dataDir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    TC_DATA_DIR: dataDir,
    TC_STATIC_TOKENS: `${TOKENS.alice}=acme:alice`,
    TC_RATE_LIMIT: 'off',
    TC_LOG_LEVEL: 'silent',
  };
}

/** Runs `node dist/main.js` that is expected to exit on its own (e.g. on a bad setting). */
export function runServerToExit(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [MAIN],
      { cwd: PACKAGE_DIR, env: { ...baseEnv(dataDir), ...env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
  });
}

/**
 * `node dist/main.js` (or another build of it, `main`) on an ephemeral port over `dataDir`;
 * resolves once it listens.
 */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  main: string = MAIN,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [main], {
    cwd: path.dirname(path.dirname(main)),
    env: { ...baseEnv(dataDir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let out = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString('utf8');
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.stderr?.on('data', (data: Buffer) => {
      err += data.toString('utf8');
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening: ${err}`)),
    );
  });
  return {
    baseUrl,
    child,
    stdout: () => out,
    async terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
