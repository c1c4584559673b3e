// Throughput of one large body at a time, with curl in its own process: uploads streamed from
// the large file (each removed again after the run), downloads written to /dev/null.
import { transfer } from '../load/curl.js';
import { createTusUpload, patchTusUpload } from '../peers/peer.js';
import { type Measurement, MiB, sizeName, type Workload } from './workload.js';

function measured(
  seconds: number,
  bytes: number,
  status: number,
  want: number,
  moved: number,
): Measurement {
  const errors: string[] = [];
  if (status !== want) errors.push(`answered ${status}, not ${want}`);
  if (moved !== bytes) errors.push(`moved ${moved} of ${bytes} bytes`);
  return { value: bytes / MiB / seconds, errors };
}

export const tusPatch: Workload = {
  id: 'tus-patch',
  title: (context) => `${sizeName(context.large.size)} tus PATCH`,
  unit: 'MiB/s',
  subjects: ['temp-contents', 'tus-node', 'tusd'],
  async run(peer, { large }) {
    const upload = await createTusUpload(peer, large.size);
    const sent = await patchTusUpload(peer, upload, large.file);
    await peer.remove(upload);
    return measured(sent.seconds, large.size, sent.status, 204, sent.uploaded);
  },
};

export const plainPost: Workload = {
  id: 'plain-post',
  title: (context) => `${sizeName(context.large.size)} plain POST`,
  unit: 'MiB/s',
  subjects: ['temp-contents', 'node'],
  async run(peer, { large }) {
    const sent = await transfer({
      method: 'POST',
      url: `${peer.baseUrl}${peer.plainUploadPath}`,
      headers: { ...peer.headers, 'content-type': 'application/octet-stream' },
      upload: large.file,
    });
    if (sent.location !== '') await peer.remove(new URL(sent.location, peer.baseUrl).pathname);
    return measured(sent.seconds, large.size, sent.status, 201, sent.uploaded);
  },
};

export const download: Workload = {
  id: 'get',
  title: (context) => `${sizeName(context.large.size)} GET (to /dev/null)`,
  unit: 'MiB/s',
  subjects: ['temp-contents', 'temp-contents-accel', 'node', 'tusd', 'nginx'],
  async prepare(peer, context) {
    await context.stored(peer, context.large.file);
  },
  async run(peer, context) {
    const location = await context.stored(peer, context.large.file);
    const got = await transfer({
      method: 'GET',
      url: `${peer.baseUrl}${location}`,
      headers: peer.headers,
    });
    return measured(got.seconds, context.large.size, got.status, 200, got.downloaded);
  },
};
