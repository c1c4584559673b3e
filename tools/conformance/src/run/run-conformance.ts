import {
  type CheckResult,
  type Report,
  SUITE_NAMES,
  type SuiteName,
  totalsOf,
} from '../report/check-result.js';
import { runSchemathesis, type SchemathesisMode } from '../schemathesis/schemathesis-runner.js';
import { authSuite } from '../suites/auth/auth-suite.js';
import { downloadSuite } from '../suites/download/download-suite.js';
import { errorsSuite } from '../suites/errors/errors-suite.js';
import { expirySuite } from '../suites/expiry/expiry-suite.js';
import { rangeSuite } from '../suites/range/range-suite.js';
import { tusSuite } from '../suites/tus/tus-suite.js';
import { TargetHttp } from '../target/target-http.js';
import { runCheck, type Suite, type SuiteContext } from './suite-context.js';

export interface ConformanceOptions {
  baseUrl: string;
  token: string;
  /** A token of another tenant: enables the isolation checks of the `auth` suite. */
  tokenOtherTenant?: string;
  /** Default: every suite. */
  suites?: SuiteName[];
  schemathesis?: SchemathesisMode;
  /** Budget of property-based checks and of Schemathesis examples per operation. Default 50. */
  maxExamples?: number;
  /** Seed of every random choice (fast-check, Schemathesis). Default: random, printed. */
  seed?: number;
  /** Per-request timeout in ms. Default 30000. */
  timeoutMs?: number;
  /** tus suite: verify uploads by HEAD only, skip the spec's download/details steps. */
  tusProtocolOnly?: boolean;
  /** Called with every finished check (the CLI prints progress lines from it). */
  onCheck?: (check: CheckResult) => void;
  /** Called with free-form progress notes (suite start, Schemathesis command line). */
  onNote?: (note: string) => void;
  /** Directory for Schemathesis reports. Default: a temp dir. */
  reportDir?: string;
}

/** The semantic suites; `errors` runs last because it also reviews what the others provoked. */
const SEMANTIC_SUITES: Record<Exclude<SuiteName, 'schema'>, Suite> = {
  range: rangeSuite,
  tus: tusSuite,
  expiry: expirySuite,
  auth: authSuite,
  download: downloadSuite,
  errors: errorsSuite,
};

/** Runs the selected suites against a deployment and returns the merged report. */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const started = Date.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const suites = options.suites ?? [...SUITE_NAMES];
  const suiteOptions = {
    seed,
    maxExamples: options.maxExamples ?? 50,
    timeoutMs: options.timeoutMs ?? 30_000,
    tusProtocolOnly: options.tusProtocolOnly ?? false,
  };
  const target = new TargetHttp({
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: suiteOptions.timeoutMs,
    onRateLimited: ({ operation, method, waitMs, attempt }) =>
      options.onNote?.(
        `rate-limited (429) on ${method} ${operation}: waiting ${Math.round(waitMs / 1000)} s ` +
          `as Retry-After asks, then sending it again (attempt ${attempt + 1})`,
      ),
  });
  const otherTenant = options.tokenOtherTenant
    ? target.withToken(options.tokenOtherTenant)
    : undefined;
  const checks: CheckResult[] = [];
  const record = (check: CheckResult): void => {
    checks.push(check);
    options.onCheck?.(check);
  };
  const contextFor = (suite: SuiteName): SuiteContext => ({
    suite,
    target,
    otherTenant,
    options: suiteOptions,
    check: async (definition, body) => {
      const result = await runCheck(suite, definition, body);
      record(result);
      return result.status === 'passed';
    },
    skipCheck: (definition, reason) =>
      record({
        suite,
        ...definition,
        id: `${suite}.${definition.id}`,
        status: 'skipped',
        message: reason,
        observations: [],
        durationMs: 0,
      }),
  });

  // A target that cannot be reached at all would fail every check with the same network error:
  // say it once per selected suite, and spare the run.
  // Likewise a token the target refuses: every check would end in 401.
  const blocker = await preflight(target);
  if (blocker !== undefined) {
    options.onNote?.(blocker.message);
    for (const suite of suites) {
      record({
        suite,
        ...blocker,
        id: `${suite}.${blocker.id}`,
        status: 'failed',
        observations: [],
        durationMs: 0,
      });
    }
    return reportOf(options.baseUrl, started, seed, suites, checks);
  }

  // expiry mostly waits for a TTL to run out: it runs beside the others instead of after them.
  const expiry = suites.includes('expiry') ? expirySuite(contextFor('expiry')) : Promise.resolve();
  for (const name of ['range', 'tus', 'auth', 'download'] as const) {
    if (!suites.includes(name)) continue;
    options.onNote?.(`suite ${name}`);
    await SEMANTIC_SUITES[name](contextFor(name));
  }
  await expiry;
  if (suites.includes('errors')) {
    options.onNote?.('suite errors');
    await errorsSuite(contextFor('errors'));
  }
  if (suites.includes('schema')) {
    options.onNote?.('suite schema (Schemathesis)');
    const results = await runSchemathesis({
      baseUrl: options.baseUrl,
      token: options.token,
      mode: options.schemathesis ?? 'auto',
      maxExamples: suiteOptions.maxExamples,
      seed,
      timeoutMs: suiteOptions.timeoutMs,
      ...(options.reportDir ? { reportDir: options.reportDir } : {}),
      onNote: options.onNote,
    });
    for (const result of results) record(result);
  }

  return reportOf(options.baseUrl, started, seed, suites, checks);
}

/**
 * What stops a run before it starts: a target that does not answer HTTP at all (any status
 * counts as an answer; asked with `OPTIONS` on the tus URL, which needs no token and every
 * target has), or one that refuses the token (401 on a details request).
 */
async function preflight(
  target: TargetHttp,
): Promise<{ id: string; title: string; requirement: string; message: string } | undefined> {
  try {
    await target.tusOptions();
  } catch (error) {
    return {
      id: 'reachable',
      title: 'the target answers HTTP requests',
      requirement: 'a deployment listening at --base-url',
      message: `target unreachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const probe = await target.details('00000000000000000000000000000000').catch(() => undefined);
  if (probe?.status === 401) {
    return {
      id: 'token',
      title: 'the target accepts --token',
      requirement: 'a bearer token valid on the target (RFC 6750)',
      message: 'token rejected: the target answered 401 to a request with --token (TC_TOKEN)',
    };
  }
  return undefined;
}

function reportOf(
  baseUrl: string,
  started: number,
  seed: number,
  suites: SuiteName[],
  checks: CheckResult[],
): Report {
  const totals = totalsOf(checks);
  return {
    baseUrl,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    seed,
    suites,
    checks,
    totals,
    ok: totals.failed === 0,
  };
}
