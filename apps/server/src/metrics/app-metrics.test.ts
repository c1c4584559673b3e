import { describe, expect, it } from 'vitest';
import { AppMetrics } from './app-metrics.js';
import { parseSamples, sampleValue } from './test-support/exposition.js';

describe('AppMetrics', () => {
  it('has no data-dir gauges without a data dir (object-store backends)', async () => {
    const text = await new AppMetrics().text();
    expect(text).toContain('# TYPE tc_http_requests_total counter');
    expect(text).not.toContain('tc_data_dir_');
  });

  it('reports NaN, not 0, for a data dir it cannot read', async () => {
    const samples = parseSamples(await new AppMetrics({ dataDir: '/nonexistent/tc-data' }).text());
    expect(sampleValue(samples, 'tc_data_dir_free_bytes')).toBeNaN();
    expect(sampleValue(samples, 'tc_data_dir_size_bytes')).toBeNaN();
  });

  it('keeps each app its own counters, however many apps a process builds', async () => {
    const [a, b] = [new AppMetrics(), new AppMetrics()];
    a.rateLimited('2');
    a.rateLimited('failed-auth');
    a.sweepPassed(3);
    const [sa, sb] = [parseSamples(await a.text()), parseSamples(await b.text())];
    expect(sampleValue(sa, 'tc_rate_limit_rejections_total', { tier: '2' })).toBe(1);
    expect(sampleValue(sa, 'tc_rate_limit_rejections_total', { tier: 'failed-auth' })).toBe(1);
    expect(sampleValue(sa, 'tc_expiry_removed_contents_total')).toBe(3);
    expect(sampleValue(sb, 'tc_rate_limit_rejections_total', { tier: '2' })).toBe(0);
    expect(sampleValue(sb, 'tc_expiry_removed_contents_total')).toBe(0);
    // Both carry the one process's metrics.
    expect(sa.has('process_cpu_user_seconds_total')).toBe(true);
    expect(sb.has('process_cpu_user_seconds_total')).toBe(true);
  });
});
