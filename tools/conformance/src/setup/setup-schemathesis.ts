import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMATHESIS_VERSION, VENV_DIR } from '../schemathesis/schemathesis-paths.js';

/**
 * `temp-contents-conformance setup`: a project-local virtualenv (tools/conformance/.venv, git
 * ignored) with the pinned Schemathesis from the package registry. Idempotent: an existing venv
 * with the pinned version is kept. Returns the process exit code.
 */
export async function setupSchemathesis(options: {
  python: string;
  log: (line: string) => void;
}): Promise<number> {
  const python = join(VENV_DIR, 'bin', 'python');
  const st = join(VENV_DIR, 'bin', 'st');
  if (existsSync(st)) {
    const version = await run(st, ['--version'], () => {});
    if (version.code === 0 && version.output.includes(SCHEMATHESIS_VERSION)) {
      options.log(`schemathesis ${SCHEMATHESIS_VERSION} already installed in ${VENV_DIR}`);
      return 0;
    }
  }
  if (!existsSync(python)) {
    options.log(`creating virtualenv ${VENV_DIR} with ${options.python}`);
    const venv = await run(options.python, ['-m', 'venv', VENV_DIR], options.log);
    if (venv.code !== 0) {
      options.log(
        `could not create the virtualenv (needs Python >= 3.10 with venv): exit ${venv.code}`,
      );
      return 1;
    }
  }
  options.log(`installing schemathesis==${SCHEMATHESIS_VERSION}`);
  const pip = await run(
    python,
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--quiet',
      `schemathesis==${SCHEMATHESIS_VERSION}`,
    ],
    options.log,
  );
  if (pip.code !== 0) {
    options.log(`pip install failed with exit ${pip.code}`);
    return 1;
  }
  const check = await run(st, ['--version'], options.log);
  return check.code === 0 ? 0 : 1;
}

function run(
  command: string,
  args: string[],
  log: (line: string) => void,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => resolve({ code: 127, output: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
