import { concurrentPlainPosts, concurrentTusUploads } from './concurrent-uploads.js';
import { download, plainPost, tusPatch } from './large-transfers.js';
import { details, randomRanges, smallPlainPost, tusCreationWithUpload } from './request-rates.js';
import type { Workload } from './workload.js';

/** In the order they run in each round (and appear in the table). */
export const WORKLOADS: Workload[] = [
  tusPatch,
  plainPost,
  download,
  randomRanges,
  tusCreationWithUpload,
  smallPlainPost,
  details,
  concurrentTusUploads,
  concurrentPlainPosts,
];
