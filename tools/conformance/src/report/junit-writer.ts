import { type Report, SUITE_NAMES } from './check-result.js';

/** JUnit XML: one <testsuite> per suite, one <testcase> per check, requirement as a property. */
export function junitXml(report: Report): string {
  const suites = SUITE_NAMES.filter((suite) => report.suites.includes(suite)).map((suite) => {
    const checks = report.checks.filter((check) => check.suite === suite);
    const failures = checks.filter((check) => check.status === 'failed').length;
    const skipped = checks.filter((check) => check.status === 'skipped').length;
    const time = checks.reduce((sum, check) => sum + check.durationMs, 0) / 1000;
    const cases = checks.map((check) => {
      const properties = [
        `<property name="requirement" value="${escapeXml(check.requirement)}"/>`,
        ...check.observations.map((note) => `<property name="chose" value="${escapeXml(note)}"/>`),
      ].join('');
      const outcome =
        check.status === 'failed'
          ? `<failure message="${escapeXml(check.message ?? '')}" type="${escapeXml(check.requirement)}">${escapeXml(check.message ?? '')}</failure>`
          : check.status === 'skipped'
            ? `<skipped message="${escapeXml(check.message ?? '')}"/>`
            : '';
      return `    <testcase classname="conformance.${suite}" name="${escapeXml(`${check.id}: ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}"><properties>${properties}</properties>${outcome}</testcase>`;
    });
    return [
      `  <testsuite name="${suite}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="temp-contents-conformance" tests="${report.checks.length}" failures="${report.totals.failed}" skipped="${report.totals.skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export function escapeXml(value: string): string {
  return (
    value
      // XML 1.0 cannot carry most control characters even escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
