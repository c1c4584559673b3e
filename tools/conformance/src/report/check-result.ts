/**
 * What every suite produces: one `CheckResult` per check, each naming the requirement it tests
 * (an RFC section, a tus 1.0.0 section, or a spec operationId + status), so that every report
 * format can say *why* a check exists, not only whether it passed.
 */

export const SUITE_NAMES = [
  'schema',
  'range',
  'tus',
  'expiry',
  'errors',
  'auth',
  'download',
] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  suite: SuiteName;
  /** Stable id, unique within the suite (`range.single-int-range`). */
  id: string;
  /** One line for people. */
  title: string;
  /** The requirement under test, e.g. `RFC 9110 §14.4`, `tus 1.0.0 §HEAD`, `spec patchTus 409`. */
  requirement: string;
  status: CheckStatus;
  /** Why it failed or was skipped; names the broken behaviour (header, status, offset...). */
  message?: string;
  /**
   * Where the RFC allows more than one answer, which one the target chose (e.g.
   * `multi-range: ignored (200)`); recorded for passed checks too.
   */
  observations: string[];
  durationMs: number;
}

export interface Report {
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  seed: number;
  suites: SuiteName[];
  checks: CheckResult[];
  /** Counts over `checks`. */
  totals: { passed: number; failed: number; skipped: number };
  /** True when no selected check failed. */
  ok: boolean;
}

export function totalsOf(checks: readonly CheckResult[]): Report['totals'] {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const check of checks) totals[check.status] += 1;
  return totals;
}
