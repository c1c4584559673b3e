import { describe, expect, it } from 'vitest';
import { compareOptions } from './compare-options.js';
import { COLUMNS } from './report.js';
import { RATIO_TARGETS } from './targets.js';
import { runBench, tableRows } from './test-support/bench-process.js';
import { KiB, MiB } from './workloads/workload.js';

const run = (args: string[]) => runBench('compare.js', args);

describe('compare --quick (the instrument works; its figures are not checked)', () => {
  it('prints one table with a row per workload and server, each target, and peak RSS', async () => {
    // tusd is not built here (a few minutes cold): its rows say skipped unless already there.
    const { code, stdout, stderr } = await run(['--quick', '--no-tusd-build']);
    expect(code, stderr).toBe(0);
    const [header, separator, ...rows] = tableRows(stdout);
    expect(header).toEqual(COLUMNS);
    expect(separator).toEqual(COLUMNS.map(() => '---'));
    for (const row of rows) expect(row).toHaveLength(COLUMNS.length);

    const options = compareOptions(['--quick']);
    const context = {
      large: { size: options.largeSize },
      small: { size: KiB },
      rangeSize: options.rangeSize,
      concurrent: options.concurrent,
    } as Parameters<(typeof options.workloads)[number]['title']>[0];
    const names = new Map([
      ['temp-contents', 'temp-contents'],
      ['temp-contents-accel', 'temp-contents behind nginx (X-Accel-Redirect)'],
      ['tus-node', '@tus/server + @tus/file-store'],
      ['tusd', 'tusd v'],
      ['node', 'bare node:http'],
      ['nginx', 'nginx (static, sendfile)'],
    ]);
    const expected = options.workloads.flatMap((workload) =>
      workload.subjects.map((id) => [workload.title(context), names.get(id) as string]),
    );
    const measured = rows.filter((row) => !row[0]?.startsWith('peak RSS, whole bench'));
    expect(measured.map((row) => [row[0], row[1]?.replace(/^tusd v.*/, 'tusd v')])).toEqual(
      expected,
    );
    expect(options.largeSize).toBe(8 * MiB);

    for (const row of measured) {
      const [, server, median] = row;
      if (server?.startsWith('tusd') && median?.startsWith('skipped')) {
        expect(stdout).toMatch(/- tusd skipped: /);
        continue;
      }
      expect(median, server).toMatch(/^[\d.]+ (MiB|req)\/s$/);
      expect(row[4], server).toMatch(/^\d+ MB$/);
    }
    // Every ratio target of the issue, on its row, with met or missed.
    const targeted = measured.filter((row) => row[7] !== '');
    expect(targeted).toHaveLength(RATIO_TARGETS.length);
    for (const row of targeted) {
      const skipped = row[2]?.startsWith('skipped');
      expect(row[8]).toMatch(skipped === true ? /^not measured$/ : /^(met|missed)$/);
      if (skipped !== true) expect(row[5]).toMatch(/^[\d.]+×$/);
    }
    // Ours behind nginx: its ratio column is filled on the download rows.
    expect(measured.filter((row) => row[6] !== '').length).toBeGreaterThan(0);

    const memory = rows.filter((row) => row[0]?.startsWith('peak RSS, whole bench'));
    expect(memory.map((row) => row[1]?.replace(/^tusd v.*/, 'tusd v')).sort()).toEqual(
      [...names.values()].sort(),
    );
    const ours = memory.find((row) => row[1] === 'temp-contents');
    expect(ours?.[7]).toBe('< 200 MB');
    expect(ours?.[8]).toMatch(/^(met|missed)$/);

    // Every missed target says what limits it (and, for a ratio, how to profile ours on it);
    // a met one says nothing.
    const rssRows = memory.filter((row) => row[7] !== '');
    for (const row of [...targeted, ...rssRows]) {
      const start = rssRows.includes(row)
        ? `- peak RSS ${row[7]}, missed: `
        : `- ${row[0]} ${row[7]} ${row[1]}, missed: `;
      const line = stdout.split('\n').find((text) => text.startsWith(start));
      if (row[8] !== 'missed') expect(line, start).toBeUndefined();
      else if (rssRows.includes(row)) expect(line, start).toMatch(/missed: .{20,}\.$/);
      else expect(line, start).toMatch(/missed: .{20,}\. Profile: `.*bench:profile \S+`\.$/);
    }
  });

  it('refuses an unknown workload with the list of them', async () => {
    const { code, stderr } = await run(['--quick', '--only', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('--only: no workload nope');
    expect(stderr).toContain('tus-patch');
  });
});
