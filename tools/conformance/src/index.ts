/**
 * @temp-contents/conformance: check any temp-contents deployment.
 *
 *   const report = await runConformance({ baseUrl, token, schemathesis: 'off' });
 *   if (!report.ok) console.log(summaryTable(report));
 */
export type { CheckResult, CheckStatus, Report, SuiteName } from './report/check-result.js';
export { SUITE_NAMES } from './report/check-result.js';
export { reportJson } from './report/json-writer.js';
export { junitXml } from './report/junit-writer.js';
export { progressLine, summaryTable } from './report/summary-table.js';
export { type ConformanceOptions, runConformance } from './run/run-conformance.js';
export { SCHEMATHESIS_IMAGE, SCHEMATHESIS_VERSION } from './schemathesis/schemathesis-paths.js';
export { SCHEMATHESIS_MODES, type SchemathesisMode } from './schemathesis/schemathesis-runner.js';
export { setupSchemathesis } from './setup/setup-schemathesis.js';
export { expectedRangeAnswer, parseRange } from './suites/range/range-model.js';
