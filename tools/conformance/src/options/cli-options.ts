import { parseArgs } from 'node:util';
import { SUITE_NAMES, type SuiteName } from '../report/check-result.js';
import type { ConformanceOptions } from '../run/run-conformance.js';
import { SCHEMATHESIS_MODES, type SchemathesisMode } from '../schemathesis/schemathesis-runner.js';

export const EXIT = { ok: 0, checkFailed: 1, usage: 2, internal: 3 } as const;

export const USAGE = `Usage:
  temp-contents-conformance --base-url URL --token T [options]
  temp-contents-conformance setup [--python PYTHON]

Checks a temp-contents deployment: Schemathesis against spec/temp-contents.yaml, plus semantic
suites for byte ranges, tus 1.0.0, expiry, the error envelope, auth and downloads.

Options:
  --base-url URL              deployment to test, e.g. https://temp-contents.staging.example
  --token T                   bearer token of tenant A (env TC_TOKEN)
  --token-other-tenant T2     bearer token of another tenant: enables tenant-isolation checks
  --suites LIST               comma-separated subset of ${SUITE_NAMES.join(',')} (default: all)
  --schemathesis MODE         auto|docker|local|off (default auto: docker when an engine answers)
  --max-examples N            examples per property / per Schemathesis operation (default 50)
  --seed N                    seed for every random choice (default: random, printed)
  --junit FILE                write a JUnit XML report
  --json FILE                 write the JSON report
  --timeout MS                per-request timeout (default 30000)
  --tus-protocol-only         tus suite: check uploads with HEAD only, not through the download
                              and details endpoints (for a plain tus server)
  -h, --help                  this text

Exit codes: 0 every selected check passed, 1 a check failed, 2 usage error,
3 the tool itself crashed (a bug: please report it).`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type Command =
  | { kind: 'help' }
  | { kind: 'setup'; python: string }
  | { kind: 'run'; options: ConformanceOptions; junit?: string; json?: string };

function positiveInteger(flag: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} must be an integer >= ${min}, got "${value}"`);
  }
  return Number(value);
}

/** Parses argv (without node and script); throws `UsageError` with one clear line. */
export function parseCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Command {
  if (argv[0] === 'setup') {
    const { values } = parseArgs({
      args: argv.slice(1),
      options: { python: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) return { kind: 'help' };
    return { kind: 'setup', python: values.python ?? 'python3' };
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const baseUrl = values['base-url'];
  if (!baseUrl) throw new UsageError('--base-url is required');
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  }
  const token = values.token ?? env.TC_TOKEN;
  if (!token) throw new UsageError('--token (or TC_TOKEN) is required');
  let suites: SuiteName[] | undefined;
  if (values.suites !== undefined) {
    const names = values.suites
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = names.filter((name) => !(SUITE_NAMES as readonly string[]).includes(name));
    if (names.length === 0 || unknown.length > 0) {
      throw new UsageError(
        `--suites: unknown suite "${unknown[0] ?? ''}" (choose from ${SUITE_NAMES.join(',')})`,
      );
    }
    suites = [...new Set(names as SuiteName[])];
  }
  const mode = values.schemathesis ?? 'auto';
  if (!(SCHEMATHESIS_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(
      `--schemathesis must be one of ${SCHEMATHESIS_MODES.join('|')}, got "${mode}"`,
    );
  }
  const options: ConformanceOptions = {
    baseUrl,
    token,
    schemathesis: mode as SchemathesisMode,
  };
  const other = values['token-other-tenant'] ?? env.TC_TOKEN_OTHER_TENANT;
  if (other) {
    if (other === token) throw new UsageError('--token-other-tenant must differ from --token');
    options.tokenOtherTenant = other;
  }
  if (suites) options.suites = suites;
  const maxExamples = positiveInteger('--max-examples', values['max-examples']);
  if (maxExamples !== undefined) options.maxExamples = maxExamples;
  const seed = positiveInteger('--seed', values.seed, 0);
  if (seed !== undefined) options.seed = seed;
  const timeout = positiveInteger('--timeout', values.timeout, 100);
  if (timeout !== undefined) options.timeoutMs = timeout;
  if (values['tus-protocol-only']) options.tusProtocolOnly = true;
  return {
    kind: 'run',
    options,
    ...(values.junit ? { junit: values.junit } : {}),
    ...(values.json ? { json: values.json } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'base-url': { type: 'string' },
      token: { type: 'string' },
      'token-other-tenant': { type: 'string' },
      suites: { type: 'string' },
      schemathesis: { type: 'string' },
      'max-examples': { type: 'string' },
      seed: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      timeout: { type: 'string' },
      'tus-protocol-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
