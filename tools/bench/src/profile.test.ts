import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBench, tableRows } from './test-support/bench-process.js';

describe('bench:profile --quick (the instrument works; its figures are not checked)', () => {
  let out: string | undefined;
  afterEach(async () => {
    if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('profiles ours on one workload: the figure, the summary table and the profile kept', async () => {
    out = await mkdtemp(path.join(tmpdir(), 'tc-bench-profile-test-'));
    const { code, stdout, stderr } = await runBench('profile.js', [
      'small-post',
      '--quick',
      '--out',
      out,
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/One run as `pnpm bench` runs it: [\d.]+ req\/s\./);
    expect(stdout).toMatch(/s profiled: event loop idle [\d.]+%, garbage collection [\d.]+%\./);
    const [header, , ...rows] = tableRows(stdout);
    expect(header).toEqual(['self time', 'function', 'time inside', 'package or folder']);
    expect(rows.length).toBeGreaterThan(3);
    // The time inside our own code shows, by folder.
    expect(rows.some((row) => row[3]?.startsWith('server: '))).toBe(true);
    expect(await readdir(out)).toEqual(['small-post.cpuprofile']);
  });

  it('refuses a workload ours does not run, naming the ones it can profile', async () => {
    const { code, stderr } = await runBench('profile.js', ['nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('small-post');
  });
});
