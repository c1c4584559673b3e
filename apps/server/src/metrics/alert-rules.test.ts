import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppMetrics } from './app-metrics.js';
import { findPromtool, PROMTOOL_MISSING, promtool } from './test-support/promtool.js';

/**
 * deploy/prometheus: the example alert rules (docs/operations.md) are valid, fire when they
 * should (promtool's own rule unit tests), and name only metrics the server exposes.
 */
const DIR = fileURLToPath(new URL('../../../../deploy/prometheus/', import.meta.url));
const bin = findPromtool();

describe('deploy/prometheus', () => {
  it.for([
    ['check rules alerts.yml', ['check', 'rules', 'alerts.yml'], /SUCCESS: 7 rules found/],
    ['test rules alerts.test.yml', ['test', 'rules', 'alerts.test.yml'], /SUCCESS/],
    // Syntax only: the example's token file exists on the Prometheus host, not here.
    [
      'check config prometheus.yml',
      ['check', 'config', '--syntax-only', 'prometheus.yml'],
      /SUCCESS/,
    ],
  ] as const)('promtool %s passes', ([, args, success], ctx) => {
    if (bin === undefined) return ctx.skip(PROMTOOL_MISSING);
    const run = promtool(bin, args, undefined, DIR);
    expect(run.output).toMatch(success);
    expect(run.status).toBe(0);
  });

  it('alerts.yml names only metrics the server exposes', async () => {
    const rules = readFileSync(`${DIR}alerts.yml`, 'utf8');
    const used = new Set(
      [...rules.matchAll(/\btc_[a-z_]+/g)].map(([name]) =>
        name.replace(/_(bucket|sum|count)$/, ''),
      ),
    );
    expect(used.size).toBeGreaterThan(3);
    const exposed = await new AppMetrics({ dataDir: DIR }).text();
    for (const name of used) expect(exposed).toContain(`# TYPE ${name} `);
  });
});
