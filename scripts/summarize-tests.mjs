#!/usr/bin/env node
// Adds up the vitest JSON reports that `pnpm test:all` asks every package to write, prints one
// line per package and a closing "N passed, N failed" line, and fails when a report is missing
// or counts no test at all (a suite that silently ran nothing must not look green).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = [
  'packages/contract',
  'packages/client',
  'apps/server',
  'apps/web',
  'tools/conformance',
  'tools/stack',
  'tools/bench',
];

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const dir of packages) {
  const file = join(root, dir, 'reports', 'vitest.json');
  if (!existsSync(join(root, dir, 'package.json'))) continue;
  if (!existsSync(file)) {
    problems.push(`${dir}: no test report (did its tests run?)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  const f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(
    `${dir.padEnd(20)} ${String(p).padStart(5)} passed ${String(f).padStart(3)} failed ${String(s).padStart(3)} skipped`,
  );
  if (p + f === 0) problems.push(`${dir}: ran no test`);
  passed += p;
  failed += f;
  skipped += s;
}
for (const problem of problems) console.error(`test summary: ${problem}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
