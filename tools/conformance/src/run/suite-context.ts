import type { CheckResult, SuiteName } from '../report/check-result.js';
import type { TargetHttp } from '../target/target-http.js';
import { CheckFailure, CheckSkipped } from './check-failure.js';

export interface CheckDefinition {
  id: string;
  title: string;
  requirement: string;
}

/** Handed to a check body: record which of several RFC-allowed answers the target chose. */
export interface CheckScope {
  observe(note: string): void;
}

export interface SuiteOptions {
  seed: number;
  /** Budget for property-based checks (fast-check `numRuns`). */
  maxExamples: number;
  /** Per-request timeout. */
  timeoutMs: number;
  /**
   * Check tus uploads with the tus protocol only (HEAD offsets), not through the spec's download
   * and details endpoints: for a plain tus server that does not implement the rest of the API.
   */
  tusProtocolOnly: boolean;
}

/** Everything a suite needs: the target, the options and a way to run and record checks. */
export interface SuiteContext {
  readonly suite: SuiteName;
  readonly target: TargetHttp;
  /** Same target, other tenant's token; undefined when `--token-other-tenant` was not given. */
  readonly otherTenant: TargetHttp | undefined;
  readonly options: SuiteOptions;
  check(definition: CheckDefinition, body: (scope: CheckScope) => Promise<void>): Promise<boolean>;
  /** Record a check that could not run (e.g. an extension the target does not advertise). */
  skipCheck(definition: CheckDefinition, reason: string): void;
}

export type Suite = (context: SuiteContext) => Promise<void>;

/**
 * Runs one check body, turning its outcome into a `CheckResult`. A check never throws: a
 * failing or crashing body is a failed check, so one broken behaviour cannot hide the others.
 */
export async function runCheck(
  suite: SuiteName,
  definition: CheckDefinition,
  body: (scope: CheckScope) => Promise<void>,
): Promise<CheckResult> {
  const observations: string[] = [];
  const started = performance.now();
  const base = { suite, ...definition, id: `${suite}.${definition.id}`, observations };
  try {
    await body({ observe: (note) => observations.push(note) });
    return { ...base, status: 'passed', durationMs: performance.now() - started };
  } catch (error) {
    const durationMs = performance.now() - started;
    if (error instanceof CheckSkipped) {
      return { ...base, status: 'skipped', message: error.message, durationMs };
    }
    const message =
      error instanceof CheckFailure
        ? error.message
        : `unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    return { ...base, status: 'failed', message, durationMs };
  }
}
