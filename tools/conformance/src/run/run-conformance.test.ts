import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig } from '@temp-contents/server';
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

describe('runConformance with a token the target refuses', () => {
  it('fails once per selected suite naming the token, and runs nothing else', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tc-conformance-token-'));
    const app = buildApp(
      loadConfig({
        TC_DATA_DIR: dataDir,
        TC_STATIC_TOKENS: 'the-right-token=tenant:subject',
        TC_LOG_LEVEL: 'silent',
      }),
    );
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      const report = await runConformance({
        baseUrl: `http://127.0.0.1:${address.port}`,
        token: 'a-wrong-token',
        suites: ['tus', 'errors'],
        schemathesis: 'off',
      });
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([
        ['tus.token', 'failed'],
        ['errors.token', 'failed'],
      ]);
      expect(report.checks[0]?.message).toMatch(/token rejected: .*401/);
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
