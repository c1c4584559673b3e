import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CheckResult } from '../report/check-result.js';
import { checksFromJunit } from './junit-findings.js';
import {
  CONFIG_DIR,
  CONFIG_FILE,
  HOOKS_FILE,
  localSchemathesisBinary,
  SCHEMATHESIS_IMAGE,
  SCHEMATHESIS_VERSION,
  SPEC_FILE,
} from './schemathesis-paths.js';

export const SCHEMATHESIS_MODES = ['auto', 'docker', 'local', 'off'] as const;
export type SchemathesisMode = (typeof SCHEMATHESIS_MODES)[number];

export interface SchemathesisRunOptions {
  baseUrl: string;
  token: string;
  mode: SchemathesisMode;
  maxExamples: number;
  seed: number;
  timeoutMs: number;
  reportDir?: string;
  onNote?: ((note: string) => void) | undefined;
}

const PHASES = 'examples,coverage,fuzzing,stateful';

/** Where the spec, the config file and the reports are, as Schemathesis sees them. */
export interface SchemathesisPaths {
  spec: string;
  config: string;
  reports: string;
}

/**
 * The `st` arguments of a run (after the executable or the image). The token is not among
 * them: it travels in the environment, which the config file reads.
 */
export function schemathesisRunArgs(
  options: Pick<SchemathesisRunOptions, 'baseUrl' | 'maxExamples' | 'seed' | 'timeoutMs'>,
  paths: SchemathesisPaths,
  junitName: string,
): string[] {
  return [
    '--config-file',
    paths.config,
    'run',
    paths.spec,
    '--url',
    options.baseUrl,
    '--checks',
    'all',
    '--phases',
    PHASES,
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.seed),
    '--request-timeout',
    String(Math.max(1, options.timeoutMs / 1000)),
    // A target's rate limits are not a finding: on a 429, wait as Retry-After asks and resend.
    '--rate-limit',
    'auto',
    '--report',
    'junit',
    '--report-junit-path',
    `${paths.reports}/${junitName}`,
    '--no-color',
  ];
}

/**
 * Runs Schemathesis (all checks, all phases including stateful via the spec's links) against the
 * target and returns its findings as `schema` checks, plus one `schema.run` check that fails on
 * any non-zero exit: an exit code that the JUnit report does not explain is still a failure.
 */
export async function runSchemathesis(options: SchemathesisRunOptions): Promise<CheckResult[]> {
  const started = performance.now();
  const runCheck = (
    status: CheckResult['status'],
    message?: string,
    observations: string[] = [],
  ): CheckResult => ({
    suite: 'schema',
    id: 'schema.run',
    title: `Schemathesis ${SCHEMATHESIS_VERSION} run (phases ${PHASES}, --checks all)`,
    requirement: 'spec/temp-contents.yaml (every operation, response schema, header and status)',
    status,
    ...(message ? { message } : {}),
    observations,
    durationMs: performance.now() - started,
  });
  if (options.mode === 'off') return [runCheck('skipped', '--schemathesis off')];
  const mode =
    options.mode === 'auto' ? ((await dockerAnswers()) ? 'docker' : 'local') : options.mode;
  const reportDir = options.reportDir ?? (await mkdtemp(join(tmpdir(), 'tc-schemathesis-')));
  await mkdir(reportDir, { recursive: true });
  const junitName = 'schemathesis-junit.xml';
  const common = (paths: SchemathesisPaths) => schemathesisRunArgs(options, paths, junitName);
  // The token travels in the environment (the config file reads ${TC_TOKEN}), never in argv.
  const env = {
    ...process.env,
    TC_BASE_URL: options.baseUrl,
    TC_TOKEN: options.token,
    SCHEMATHESIS_HOOKS: HOOKS_FILE,
  };
  let command: string;
  let args: string[];
  if (mode === 'docker') {
    command = 'docker';
    const uid =
      typeof process.getuid === 'function'
        ? `${process.getuid()}:${process.getgid?.() ?? 0}`
        : undefined;
    args = [
      'run',
      '--rm',
      '--network',
      'host',
      ...(uid ? ['--user', uid] : []),
      '-e',
      'TC_BASE_URL',
      '-e',
      'TC_TOKEN',
      '-e',
      'SCHEMATHESIS_HOOKS=/hooks/hooks.py',
      '-v',
      `${dirname(SPEC_FILE)}:/spec:ro`,
      '-v',
      `${CONFIG_DIR}:/config:ro`,
      '-v',
      `${dirname(HOOKS_FILE)}:/hooks:ro`,
      '-v',
      `${reportDir}:/reports:rw`,
      SCHEMATHESIS_IMAGE,
      ...common({
        spec: '/spec/temp-contents.yaml',
        config: '/config/schemathesis.toml',
        reports: '/reports',
      }),
    ];
  } else {
    const binary = localSchemathesisBinary();
    if (!binary) {
      return [
        runCheck(
          'failed',
          'Schemathesis is not installed locally: run `temp-contents-conformance setup` (or use --schemathesis docker|off)',
        ),
      ];
    }
    command = binary;
    args = common({ spec: SPEC_FILE, config: CONFIG_FILE, reports: reportDir });
  }
  options.onNote?.(`schemathesis (${mode}): ${[command, ...args].join(' ')}`);
  const { code, tail } = await runProcess(command, args, env, (line) =>
    options.onNote?.(`  st| ${line}`),
  );
  let findings: CheckResult[] = [];
  try {
    findings = checksFromJunit(await readFile(join(reportDir, junitName), 'utf8'));
  } catch {
    // No report: the run failed before testing (bad schema, unreachable target...).
  }
  const observations = [`mode ${mode}`, `JUnit ${join(reportDir, junitName)}`];
  if (code === 0) return [runCheck('passed', undefined, observations), ...findings];
  const explained = findings.some((finding) => finding.status === 'failed');
  const message = explained
    ? `Schemathesis exited with ${code}; see the failed schema.* checks`
    : `Schemathesis exited with ${code} and its report names no failing operation; last output:\n${tail}`;
  return [runCheck('failed', message, observations), ...findings];
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { code } = await runProcess('docker', ['info'], process.env, () => {});
    return code === 0;
  } catch {
    return false;
  }
}

function runProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<{ code: number; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let pending = '';
    const take = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 60) lines.shift();
        onLine(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => resolve({ code: 127, tail: `${command}: ${error.message}` }));
    child.on('close', (code) =>
      resolve({ code: code ?? 1, tail: [...lines, pending].join('\n').trim() }),
    );
  });
}
