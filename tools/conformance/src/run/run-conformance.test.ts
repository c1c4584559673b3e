import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
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
