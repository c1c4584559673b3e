import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKENS } from '../../test-support/test-app.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
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
  /** SIGKILL: no shutdown hook, no flush, nothing but what already reached the kernel. */
  kill9(): Promise<void>;
}

/** `node dist/main.js` on an ephemeral port over `dataDir`; resolves once it listens. */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: PACKAGE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      TC_DATA_DIR: dataDir,
      TC_STATIC_TOKENS: `${TOKENS.alice}=acme:alice`,
      TC_RATE_LIMIT: 'off',
      TC_LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
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
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
