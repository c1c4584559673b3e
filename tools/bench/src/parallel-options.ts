// The parallel-upload bench's command line: sizes, links, counts and rounds, full or --quick.
import { parseArgs } from 'node:util';
import { nonNegativeNumber, positiveInteger } from './option-values.js';
import { MiB } from './workloads/workload.js';

export const LINK_IDS = ['loopback', 'slow'] as const;
export type LinkId = (typeof LINK_IDS)[number];

export interface ParallelOptions {
  quick: boolean;
  rounds: number;
  /** Parallel upload counts, in the order given (1 first for the speedup column). */
  counts: number[];
  links: LinkId[];
  /** File size per link. */
  sizes: Record<LinkId, number>;
  slowLink: {
    /** One-way delay added in each direction. */
    delayMs: number;
    /** Cap per connection and direction, bytes per second. */
    perConnectionBytesPerSecond: number | undefined;
    /** Cap on all connections together, per direction, bytes per second. */
    aggregateBytesPerSecond: number | undefined;
  };
  /** Bytes per tus PATCH; undefined for the client's default. */
  chunkSize: number | undefined;
  /** false: no tus checksums; true: the client's default (sha256 when the server offers it). */
  checksum: boolean;
}

export const USAGE = `usage: pnpm --filter @temp-contents/bench bench:parallel [--quick] [--rounds N]
         [--size-mib N] [--slow-size-mib N] [--parallel 1,2,4] [--links loopback,slow]
         [--delay-ms MS] [--rate-mbit N] [--aggregate-mbit N] [--chunk-mib N] [--no-checksum]
  --quick           tiny sizes (4 MiB, 2 MiB over the slow link), 1 round: the bench still works
  --rounds          rounds, each uploading once per link and count, interleaved (default 3)
  --size-mib        the file's size (default 1024 on loopback; also the slow link's if given)
  --slow-size-mib   the file's size over the slow link (default 256, or --size-mib)
  --parallel        parallel upload counts, comma-separated (default 1,2,4)
  --links           loopback (the client straight to the server), slow (through the slow-link
                    proxy); default both
  --delay-ms        slow link: one-way delay added in each direction (default 20, so RTT >= 40 ms)
  --rate-mbit       slow link: cap per connection and direction, Mbit/s (default 200; 0: none)
  --aggregate-mbit  slow link: cap on all connections together per direction (default: none)
  --chunk-mib       bytes per tus PATCH (default: the client's, 8 MiB)
  --no-checksum     no tus checksums (default: the client's, sha256 on every PATCH when offered)`;

/** Mbit/s (10^6 bits) as bytes per second; 0 for no cap. */
const mbit = (value: number) => (value === 0 ? undefined : (value * 1e6) / 8);

export function parallelOptions(argv: string[]): ParallelOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'size-mib': { type: 'string' },
      'slow-size-mib': { type: 'string' },
      parallel: { type: 'string' },
      links: { type: 'string' },
      'delay-ms': { type: 'string' },
      'rate-mbit': { type: 'string' },
      'aggregate-mbit': { type: 'string' },
      'chunk-mib': { type: 'string' },
      'no-checksum': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const counts = (values.parallel ?? '1,2,4')
    .split(',')
    .map((count) => positiveInteger('parallel', count, 1));
  const links = (values.links ?? LINK_IDS.join(',')).split(',');
  const unknown = links.filter((link) => !(LINK_IDS as readonly string[]).includes(link));
  if (unknown.length > 0) {
    throw new Error(`--links: no link ${unknown.join(', ')} (${LINK_IDS.join(', ')})`);
  }
  const sizeMib = values['size-mib'];
  const loopback = positiveInteger('size-mib', sizeMib, quick ? 4 : 1024);
  const slow = positiveInteger(
    'slow-size-mib',
    values['slow-size-mib'] ?? sizeMib,
    quick ? 2 : 256,
  );
  const chunkMib = values['chunk-mib'];
  const aggregate = nonNegativeNumber('aggregate-mbit', values['aggregate-mbit'], 0);
  return {
    quick,
    rounds: positiveInteger('rounds', values.rounds, quick ? 1 : 3),
    counts,
    links: links as LinkId[],
    sizes: { loopback: loopback * MiB, slow: slow * MiB },
    slowLink: {
      delayMs: nonNegativeNumber('delay-ms', values['delay-ms'], 20),
      perConnectionBytesPerSecond: mbit(nonNegativeNumber('rate-mbit', values['rate-mbit'], 200)),
      aggregateBytesPerSecond: mbit(aggregate),
    },
    chunkSize: chunkMib === undefined ? undefined : positiveInteger('chunk-mib', chunkMib, 8) * MiB,
    checksum: values['no-checksum'] !== true,
  };
}
