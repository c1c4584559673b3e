import { describe, expect, it } from 'vitest';
import { type ParallelOptions, parallelOptions } from './parallel-options.js';
import { PARALLEL_COLUMNS } from './parallel-report.js';
import { runBench, tableRows } from './test-support/bench-process.js';
import { MiB } from './workloads/workload.js';

const run = (args: string[]) => runBench('parallel-uploads.js', args);

describe('parallel-uploads --quick (the instrument works; its figures are not checked)', () => {
  it('prints a row per link and count, each upload verified by size and sha256', async () => {
    const { code, stdout, stderr } = await run(['--quick']);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/load average \(1 min\) [\d.]+ at start, [\d.]+ at end/);
    const [header, separator, ...rows] = tableRows(stdout);
    expect(header).toEqual(PARALLEL_COLUMNS);
    expect(separator).toEqual(PARALLEL_COLUMNS.map(() => '---'));
    const slow = 'slow link (20 ms each way, 200 Mbit/s per connection)';
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['loopback', '4 MiB', '1'],
      ['loopback', '4 MiB', '2'],
      ['loopback', '4 MiB', '4'],
      [slow, '2 MiB', '1'],
      [slow, '2 MiB', '2'],
      [slow, '2 MiB', '4'],
    ]);
    for (const row of rows) {
      const [, , count, median, spread, speedup, concatenation, verified] = row;
      expect(row).toHaveLength(PARALLEL_COLUMNS.length);
      expect(median).toMatch(/^[\d.]+ MiB\/s$/);
      expect(spread).toMatch(/^[\d.]+–[\d.]+$/);
      expect(speedup).toMatch(count === '1' ? /^1\.00×$/ : /^[\d.]+×$/);
      expect(concatenation).toMatch(count === '1' ? /^$/ : /^[\d.]+ s$/);
      expect(verified).toBe('size 1/1, sha256 match');
    }
    expect(stdout).not.toMatch(/^- /m);
  });

  it('refuses an unknown link, naming the ones there are', async () => {
    const { code, stderr } = await run(['--quick', '--links', 'loopback,moon']);
    expect(code).toBe(2);
    expect(stderr).toContain('--links: no link moon (loopback, slow)');
  });
});

describe('parallelOptions', () => {
  const cases: [string, string[], Partial<ParallelOptions>][] = [
    [
      'defaults: 1 GiB on loopback, 256 MiB over 20 ms and 200 Mbit/s per connection',
      [],
      {
        rounds: 3,
        counts: [1, 2, 4],
        links: ['loopback', 'slow'],
        sizes: { loopback: 1024 * MiB, slow: 256 * MiB },
        slowLink: {
          delayMs: 20,
          perConnectionBytesPerSecond: 25e6,
          aggregateBytesPerSecond: undefined,
        },
        chunkSize: undefined,
        checksum: true,
      },
    ],
    [
      '--size-mib sizes both links',
      ['--size-mib', '512'],
      { sizes: { loopback: 512 * MiB, slow: 512 * MiB } },
    ],
    [
      '--slow-size-mib sizes the slow link only',
      ['--size-mib', '512', '--slow-size-mib', '64'],
      { sizes: { loopback: 512 * MiB, slow: 64 * MiB } },
    ],
    [
      'caps in Mbit/s, 0 for none',
      ['--rate-mbit', '0', '--aggregate-mbit', '400', '--delay-ms', '2.5'],
      {
        slowLink: {
          delayMs: 2.5,
          perConnectionBytesPerSecond: undefined,
          aggregateBytesPerSecond: 50e6,
        },
      },
    ],
    [
      '--quick: tiny sizes, one round',
      ['--quick'],
      { quick: true, rounds: 1, sizes: { loopback: 4 * MiB, slow: 2 * MiB } },
    ],
    [
      'counts, links, chunk size, no checksums',
      ['--parallel', '1,8', '--links', 'slow', '--chunk-mib', '4', '--no-checksum'],
      { counts: [1, 8], links: ['slow'], chunkSize: 4 * MiB, checksum: false },
    ],
  ];
  it.each(cases)('%s', (_, argv, want) => {
    expect(parallelOptions(argv)).toMatchObject(want);
  });

  it.each([
    [['--parallel', '1,0'], '--parallel: a positive integer, not 0'],
    [['--delay-ms=-1'], '--delay-ms: a number of at least 0, not -1'],
    [['--size-mib', 'big'], '--size-mib: a positive integer, not big'],
  ])('refuses %j', (argv, message) => {
    expect(() => parallelOptions(argv)).toThrow(message);
  });
});
