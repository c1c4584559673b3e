import { type CheckResult, type Report, SUITE_NAMES } from './check-result.js';

const MARK: Record<CheckResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
};

/** One progress line per finished check. */
export function progressLine(check: CheckResult): string {
  const time = `${Math.round(check.durationMs)} ms`;
  const tail = check.status === 'passed' ? '' : `\n       ${check.message ?? ''}`;
  const chosen = check.observations.length > 0 ? `  [chose: ${check.observations.join('; ')}]` : '';
  return `${MARK[check.status]}  ${check.id}  (${check.requirement}) ${time}${chosen}${tail}`;
}

/** The human summary: a table of suites, then every failed check with its requirement. */
export function summaryTable(report: Report): string {
  const rows: string[][] = [['suite', 'passed', 'failed', 'skipped']];
  for (const suite of SUITE_NAMES) {
    const checks = report.checks.filter((check) => check.suite === suite);
    if (!report.suites.includes(suite)) continue;
    const count = (status: CheckResult['status']) =>
      String(checks.filter((check) => check.status === status).length);
    rows.push([suite, count('passed'), count('failed'), count('skipped')]);
  }
  rows.push([
    'total',
    String(report.totals.passed),
    String(report.totals.failed),
    String(report.totals.skipped),
  ]);
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) =>
    row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const table = [
    line(rows[0] ?? []),
    rule,
    ...rows.slice(1, -1).map(line),
    rule,
    line(rows.at(-1) ?? []),
  ];
  const failed = report.checks.filter((check) => check.status === 'failed');
  const failures = failed.map(
    (check) => `  FAIL ${check.id} [${check.requirement}]\n       ${check.message ?? ''}`,
  );
  const verdict = report.ok
    ? `OK: every selected check passed (${report.totals.passed} passed, ${report.totals.skipped} skipped)`
    : `FAILED: ${report.totals.failed} check(s) failed`;
  return [
    `Conformance of ${report.baseUrl} (seed ${report.seed}, ${(report.durationMs / 1000).toFixed(1)} s)`,
    '',
    ...table,
    ...(failures.length > 0 ? ['', 'Failed checks:', ...failures] : []),
    '',
    verdict,
  ].join('\n');
}
