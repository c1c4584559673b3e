// Many uploads at once (64 × 16 MiB by default) from one curl process: mostly a memory test
// (the peak RSS target holds through it), with the aggregate throughput beside it.
import path from 'node:path';
import { type TransferOptions, transferAll } from '../load/curl.js';
import { type Peer, TUS_HEADERS } from '../peers/peer.js';
import { type BenchContext, type Measurement, MiB, sizeName, type Workload } from './workload.js';

async function uploadAll(
  peer: Peer,
  context: BenchContext,
  one: TransferOptions,
): Promise<Measurement> {
  const { count, size } = context.concurrent;
  const { seconds, results } = await transferAll(
    Array.from({ length: count }, () => one),
    path.join(context.workDir, `${peer.id}-uploads.curlrc`),
  );
  const errors: string[] = [];
  const failed = results.filter((result) => result.status !== 201 || result.uploaded !== size);
  if (results.length !== count) errors.push(`${results.length} of ${count} uploads reported`);
  if (failed.length > 0) {
    errors.push(`${failed.length} uploads failed (${failed.map((f) => f.status).join(', ')})`);
  }
  for (const result of results) {
    if (result.location !== '') {
      await peer.remove(new URL(result.location, peer.baseUrl).pathname);
    }
  }
  return { value: (count * size) / MiB / seconds, errors };
}

const title = (what: string) => (context: BenchContext) =>
  `${context.concurrent.count} concurrent ${sizeName(context.concurrent.size)} ${what}`;

export const concurrentTusUploads: Workload = {
  id: 'concurrent-tus',
  title: title('tus creation-with-upload'),
  unit: 'MiB/s',
  subjects: ['temp-contents', 'tus-node', 'tusd'],
  run: (peer, context) =>
    uploadAll(peer, context, {
      method: 'POST',
      url: `${peer.baseUrl}${peer.tusPath}`,
      headers: {
        ...peer.headers,
        ...TUS_HEADERS,
        'upload-length': String(context.concurrent.size),
        'content-type': 'application/offset+octet-stream',
      },
      upload: context.concurrent.file,
    }),
};

export const concurrentPlainPosts: Workload = {
  id: 'concurrent-post',
  title: title('plain POST'),
  unit: 'MiB/s',
  subjects: ['temp-contents', 'node'],
  run: (peer, context) =>
    uploadAll(peer, context, {
      method: 'POST',
      url: `${peer.baseUrl}${peer.plainUploadPath}`,
      headers: { ...peer.headers, 'content-type': 'application/octet-stream' },
      upload: context.concurrent.file,
    }),
};
