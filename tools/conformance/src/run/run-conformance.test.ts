import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startOwnServer } from '../self-check/own-server.js';
import { runConformance } from './run-conformance.js';

/** A loopback port nothing listens on: bind an ephemeral one, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('runConformance against a target that cannot be reached', () => {
  it('fails once per selected suite with the network error, and runs nothing else', async () => {
    const port = await closedPort();
    const notes: string[] = [];
    const report = await runConformance({
      baseUrl: `http://127.0.0.1:${port}`,
      token: 'unused',
      suites: ['range', 'tus', 'schema'],
      schemathesis: 'off',
      onNote: (note) => notes.push(note),
    });
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => c.id)).toEqual([
      'range.reachable',
      'tus.reachable',
      'schema.reachable',
    ]);
    for (const check of report.checks) {
      expect(check.status).toBe('failed');
      expect(check.message).toMatch(/^target unreachable: .*ECONNREFUSED/);
    }
    expect(notes.some((note) => note.includes('target unreachable'))).toBe(true);
  });
});

describe('runConformance with a token the target refuses', () => {
  it('fails once per selected suite naming the token, and runs nothing else', async () => {
    await using server = await startOwnServer({
      TC_STATIC_TOKENS: 'the-right-token=tenant:subject',
    });
    const report = await runConformance({
      baseUrl: server.baseUrl,
      token: 'a-wrong-token',
      suites: ['tus', 'errors'],
      schemathesis: 'off',
    });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['tus.token', 'failed'],
      ['errors.token', 'failed'],
    ]);
    expect(report.checks[0]?.message).toMatch(/token rejected: .*401/);
  });
});

describe('runConformance against a target with tight rate limits', () => {
  it('waits out every 429 (Retry-After) and passes, saying so in its notes', async () => {
    await using server = await startOwnServer(
      { TC_STATIC_TOKENS: 'limited-token=tenant:subject', TC_RATE_LIMIT: 'on' },
      (config) => {
        // Per second instead of per minute, and small: the suites below need far more requests.
        config.rateLimit.windowMs = 1000;
        config.rateLimit.limits = { '1': 15, '2': 4, special: 15 };
      },
    );
    const notes: string[] = [];
    const report = await runConformance({
      baseUrl: server.baseUrl,
      token: 'limited-token',
      suites: ['download', 'errors'],
      schemathesis: 'off',
      seed: 3,
      onNote: (note) => notes.push(note),
    });
    const failed = report.checks.filter((c) => c.status === 'failed');
    expect(failed.map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(report.ok).toBe(true);
    const waits = notes.filter((note) => note.startsWith('rate-limited (429)'));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]).toMatch(/waiting 1 s as Retry-After asks, then sending it again/);
  }, 120_000);
});
