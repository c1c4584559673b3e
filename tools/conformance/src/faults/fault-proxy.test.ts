import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, SuiteName } from '../report/check-result.js';
import { runConformance } from '../run/run-conformance.js';
import { type OwnServer, startOwnServer } from '../self-check/own-server.js';
import { faultCatalog } from './fault-catalog.js';
import { type Fault, startFaultProxy } from './fault-proxy.js';

/**
 * Proof of power: our real server behind a proxy that breaks one behaviour at a time. The
 * semantic suites must fail on every fault, with a failing check whose message names the broken
 * behaviour, and pass when the proxy changes nothing.
 */
const TOKENS = { owner: 'fault-test-owner', other: 'fault-test-other' };
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
const SEMANTIC: SuiteName[] = ['range', 'tus', 'expiry', 'errors', 'auth', 'download'];
const FAULTS = faultCatalog({ tokens: TOKENS, maxUploadBytes: MAX_UPLOAD_BYTES });

let server: OwnServer | undefined;
let upstream: string;

beforeAll(async () => {
  server = await startOwnServer({
    TC_STATIC_TOKENS: `${TOKENS.owner}=tenant-a:owner,${TOKENS.other}=tenant-b:other`,
    TC_RATE_LIMIT: 'off',
    TC_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
  });
  upstream = server.baseUrl;
});

afterAll(async () => {
  await server?.close();
});

async function runThrough(fault: Fault | undefined): Promise<Report> {
  await using proxy = await startFaultProxy(upstream, fault);
  // `return await`: the proxy must outlive the run (disposal happens on leaving this scope).
  return await runConformance({
    baseUrl: proxy.url,
    token: TOKENS.owner,
    tokenOtherTenant: TOKENS.other,
    suites: SEMANTIC,
    schemathesis: 'off',
    maxExamples: 8,
    seed: 20251126,
    timeoutMs: 15_000,
  });
}

function failures(report: Report): string {
  return report.checks
    .filter((check) => check.status === 'failed')
    .map((check) => `${check.id}: ${check.message}`)
    .join('\n');
}

describe('fault injection', () => {
  it('catalog has at least 25 distinct faults', () => {
    expect(new Set(FAULTS.map((fault) => fault.id)).size).toBe(FAULTS.length);
    expect(FAULTS.length).toBeGreaterThanOrEqual(25);
  });

  it('passes through a proxy that breaks nothing', { timeout: 60_000 }, async () => {
    const report = await runThrough(undefined);
    expect(failures(report)).toBe('');
    expect(report.ok).toBe(true);
    expect(report.totals.passed).toBeGreaterThan(50);
  });

  it.each(FAULTS.map((fault) => [fault.id, fault] as const))(
    'fails on %s',
    { timeout: 60_000 },
    async (_id, fault) => {
      const report = await runThrough(fault);
      expect(report.ok, `the suites passed although ${fault.breaks}`).toBe(false);
      const named = report.checks.filter(
        (check) => check.status === 'failed' && fault.expect.test(check.message ?? ''),
      );
      expect(
        named.length,
        `no failing check names "${fault.breaks}" (${fault.expect}); failures were:\n${failures(report)}`,
      ).toBeGreaterThan(0);
    },
  );
});
