// The targets of issue 12, in figures this bench measures: ours ÷ a peer in one run, and our
// peak resident memory through the whole bench.
import type { PeerId } from './peers/peer.js';

export interface RatioTarget {
  workload: string;
  /** The subject compared: ours served by itself unless said otherwise. */
  ours: PeerId;
  peer: PeerId;
  atLeast: number;
}

export const RATIO_TARGETS: RatioTarget[] = [
  { workload: 'tus-patch', ours: 'temp-contents', peer: 'tus-node', atLeast: 1.2 },
  { workload: 'tus-patch', ours: 'temp-contents', peer: 'tusd', atLeast: 1.0 },
  { workload: 'get', ours: 'temp-contents', peer: 'tusd', atLeast: 1.0 },
  { workload: 'get', ours: 'temp-contents', peer: 'nginx', atLeast: 0.6 },
  { workload: 'ranges', ours: 'temp-contents', peer: 'nginx', atLeast: 0.6 },
  { workload: 'tus-create', ours: 'temp-contents', peer: 'tusd', atLeast: 1.0 },
  { workload: 'small-post', ours: 'temp-contents', peer: 'node', atLeast: 0.6 },
  { workload: 'details', ours: 'temp-contents', peer: 'node', atLeast: 0.5 },
];

/** Peak RSS (VmHWM) of our server through every workload, in bytes (MB = 10^6 bytes). */
export const RSS_TARGET = { peer: 'temp-contents' as PeerId, below: 200e6 };
