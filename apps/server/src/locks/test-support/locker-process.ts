import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const LOCKS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Inside the package, so the compiled module finds ioredis and @tus/utils as the source does. */
const CACHE_DIR = path.resolve(LOCKS_DIR, '../../node_modules/.cache');

/**
 * The locker's sources compiled on the fly into a throw-away directory, for child processes to
 * import: other "replicas" without building the whole server (whose other sources may be
 * mid-edit) and without a TypeScript loader in the child.
 */
export async function compileLocks(): Promise<{ module: string; dispose(): Promise<void> }> {
  const outDir = path.join(CACHE_DIR, `tc-locks-${randomBytes(4).toString('hex')}`);
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'package.json'), '{"type":"module"}\n');
  const sources = (await readdir(LOCKS_DIR)).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  );
  for (const name of sources) {
    const { outputText } = ts.transpileModule(await readFile(path.join(LOCKS_DIR, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: name,
    });
    await writeFile(path.join(outDir, name.replace(/\.ts$/, '.js')), outputText);
  }
  return {
    module: path.join(outDir, 'redis-locker.js'),
    dispose: () => rm(outDir, { recursive: true, force: true }),
  };
}

export interface LockerProcess {
  child: ChildProcess;
  /** Everything the child printed so far. */
  output(): string;
  /** Resolves when the child has printed `line`; rejects if it exits first. */
  printed(line: string): Promise<void>;
  /** Resolves with the exit code (or signal) once the child has exited. */
  exited: Promise<number | NodeJS.Signals>;
}

/**
 * Runs `body` (ES module code) in a node child where `RedisLocker` is already imported from
 * `module` (see compileLocks). Its stdout is collected; stderr is passed through.
 */
export function runLockerProcess(module: string, body: string): LockerProcess {
  const script = `const { RedisLocker } = await import(${JSON.stringify(module)});\n${body}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (data: Buffer) => {
    out += data.toString();
    for (const listener of [...listeners]) listener();
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal as NodeJS.Signals))),
  );
  return {
    child,
    output: () => out,
    exited,
    printed: (line) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!out.split('\n').includes(line)) return;
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
        void exited.then((code) => {
          listeners.delete(check);
          reject(new Error(`child exited (${code}) before printing ${line}; it printed: ${out}`));
        });
      }),
  };
}
