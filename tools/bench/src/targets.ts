// The targets of issue 12, in figures this bench measures: ours ÷ a peer in one run, and our
// peak resident memory through the whole bench.
import type { PeerId } from './peers/peer.js';

export interface RatioTarget {
  workload: string;
  /** The subject compared: ours served by itself unless said otherwise. */
  ours: PeerId;
  peer: PeerId;
  atLeast: number;
  /**
   * What limits the figure, printed under the table when the target is missed (measured and
   * profiled on the reference machine: docs/benchmarks.md, `bench:profile`).
   */
  limit: string;
}

export const RATIO_TARGETS: RatioTarget[] = [
  {
    workload: 'tus-patch',
    ours: 'temp-contents',
    peer: 'tus-node',
    atLeast: 1.2,
    limit:
      'the same @tus/server handler as the stock server plus Fastify, the lock and the record; ' +
      'ours was 1.24x and 1.39x in runs of this workload on a quiet machine, and falls behind in ' +
      'full runs, in the rounds after the small-upload workloads (not explained yet)',
  },
  {
    workload: 'tus-patch',
    ours: 'temp-contents',
    peer: 'tusd',
    atLeast: 1.0,
    limit:
      'one JavaScript thread reads the socket and hands each write to the thread pool: the ' +
      'event loop waits on those trips more than half the time and collects garbage a sixth of ' +
      'it; tusd runs on both cores',
  },
  {
    workload: 'get',
    ours: 'temp-contents',
    peer: 'tusd',
    atLeast: 1.0,
    limit:
      'tusd sends a file with sendfile(2) (no copy through user space); Node has no sendfile ' +
      'for sockets, so every MiB is read into a buffer and written to the socket, one read at a ' +
      'time (the event loop idle half the time, garbage collection a fifth). Behind nginx with ' +
      'TC_ACCEL_REDIRECT, nginx sends the bytes itself',
  },
  {
    workload: 'get',
    ours: 'temp-contents',
    peer: 'nginx',
    atLeast: 0.6,
    limit: 'as for tusd: nginx uses sendfile(2), Node copies every byte through a buffer',
  },
  {
    workload: 'ranges',
    ours: 'temp-contents',
    peer: 'nginx',
    atLeast: 0.6,
    limit: 'a request costs ours auth, a record lookup and headers before the first byte',
  },
  {
    workload: 'tus-create',
    ours: 'temp-contents',
    peer: 'tusd',
    atLeast: 1.0,
    limit:
      'the one JavaScript thread is busy all the time: per creation @tus/server builds a web ' +
      'Request and Response, Fastify and auth run, the index takes four statements and the ' +
      'file three trips to the thread pool; tusd spreads creations over both cores',
  },
  {
    workload: 'small-post',
    ours: 'temp-contents',
    peer: 'node',
    atLeast: 0.6,
    limit:
      'the one JavaScript thread is busy all the time: Fastify, auth and hooks (the cost of a ' +
      'details GET), four SQLite statements (record, upload info, progress, read back) and five ' +
      'trips to the thread pool (about 30% of the thread on this VM), where the bare pipe makes ' +
      'three trips and nothing else',
  },
  {
    workload: 'details',
    ours: 'temp-contents',
    peer: 'node',
    atLeast: 0.5,
    limit: 'auth, a record lookup and the JSON of the record on every request',
  },
];

/** Peak RSS (VmHWM) of our server through every workload, in bytes (MB = 10^6 bytes). */
export const RSS_TARGET = {
  peer: 'temp-contents' as PeerId,
  below: 200e6,
  limit:
    'about 90 MB before the first request (Node, Fastify, @tus/server, prom-client, the web UI), ' +
    'then what the small-upload workloads leave outside the JavaScript heap (about 70 MB) and ' +
    'what 64 concurrent uploads hold at once (socket buffers, 1 MiB write buffers); without ' +
    'the small-upload workloads the peak was 161 MB. Every launcher passes ' +
    '--max-semi-space-size=2 (docs/server.md, Memory)',
};
