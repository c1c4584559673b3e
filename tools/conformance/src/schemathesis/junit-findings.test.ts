import { describe, expect, it } from 'vitest';
import { checksFromJunit } from './junit-findings.js';

const SAMPLE = `<?xml version="1.0" encoding="utf-8"?>
<testsuites disabled="0" errors="0" failures="1" tests="3" time="1.2">
  <testsuite name="schemathesis" tests="3" failures="1" errors="0" skipped="1" time="1.2">
    <testcase name="GET /api/v1/temp-contents/{id}" time="0.5">
      <failure type="failure" message="1. Test Case ID: abc&#10;- ST107 Missing required response headers">detail &amp; more &lt;here&gt;</failure>
    </testcase>
    <testcase name="OPTIONS /api/v1/temp-contents/files" time="0.01"/>
    <testcase name="GET /health" time="0"><skipped message="filtered out"/></testcase>
  </testsuite>
</testsuites>`;

describe('checksFromJunit', () => {
  it('turns testcases into schema checks with their findings', () => {
    const checks = checksFromJunit(SAMPLE);
    expect(checks.map((check) => [check.id, check.status])).toEqual([
      ['schema.GET /api/v1/temp-contents/{id}', 'failed'],
      ['schema.OPTIONS /api/v1/temp-contents/files', 'passed'],
      ['schema.GET /health', 'skipped'],
    ]);
    expect(checks[0]?.message).toContain('ST107 Missing required response headers');
    expect(checks[0]?.message).toContain('detail & more <here>');
    expect(checks[0]?.durationMs).toBe(500);
  });

  it('finds nothing in an empty report', () => {
    expect(checksFromJunit('<testsuites/>')).toEqual([]);
  });
});
