// Requests per second with wrk (-t1, 16 connections by default) in its own process. Before
// the first round each subject answers one such request checked in full, so that a rate is
// never a rate of errors; during the runs wrk counts answers outside 2xx/3xx.
import { open, readFile } from 'node:fs/promises';
import { runWrk, type WrkOptions } from '../load/wrk.js';
import { type Peer, TUS_HEADERS } from '../peers/peer.js';
import {
  type BenchContext,
  expectStatus,
  type Measurement,
  sizeName,
  type Workload,
} from './workload.js';

async function rate(options: WrkOptions): Promise<Measurement> {
  const result = await runWrk(options);
  const errors: string[] = [];
  if (result.statusErrors > 0) errors.push(`${result.statusErrors} answers outside 2xx/3xx`);
  if (result.socketErrors > 0) errors.push(`${result.socketErrors} socket errors`);
  if (result.requests === 0) errors.push('no request answered');
  return { value: result.requestsPerSecond, errors };
}

function wrkFor(peer: Peer, context: BenchContext, path: string): WrkOptions {
  return {
    url: `${peer.baseUrl}${path}`,
    script: 'fixed',
    headers: peer.headers,
    seconds: context.seconds,
    connections: context.connections,
  };
}

export const randomRanges: Workload = {
  id: 'ranges',
  title: (context) => `${sizeName(context.rangeSize)} random-range GETs`,
  unit: 'req/s',
  subjects: ['temp-contents', 'temp-contents-accel', 'nginx'],
  async prepare(peer, context) {
    const location = await context.stored(peer, context.large.file);
    const response = await fetch(`${peer.baseUrl}${location}`, {
      headers: { ...peer.headers, range: `bytes=1-${context.rangeSize}` },
    });
    const body = Buffer.from(await response.arrayBuffer());
    const want = Buffer.alloc(context.rangeSize);
    const file = await open(context.large.file);
    await file.read(want, 0, context.rangeSize, 1).finally(() => file.close());
    if (response.status !== 206 || !body.equals(want)) {
      throw new Error(`${peer.name}: a range answered ${response.status} with other bytes`);
    }
  },
  async run(peer, context) {
    return rate({
      ...wrkFor(peer, context, await context.stored(peer, context.large.file)),
      script: 'random-range',
      env: {
        BENCH_RANGE_BYTES: String(context.rangeSize),
        BENCH_CONTENT_BYTES: String(context.large.size),
      },
    });
  },
};

function tusCreationHeaders(peer: Peer, size: number): Record<string, string> {
  return {
    ...peer.headers,
    ...TUS_HEADERS,
    'upload-length': String(size),
    'content-type': 'application/offset+octet-stream',
  };
}

export const tusCreationWithUpload: Workload = {
  id: 'tus-create',
  title: (context) => `${sizeName(context.small.size)} tus creation-with-upload`,
  unit: 'req/s',
  subjects: ['temp-contents', 'tus-node', 'tusd'],
  async prepare(peer, { small }) {
    const response = await fetch(`${peer.baseUrl}${peer.tusPath}`, {
      method: 'POST',
      headers: tusCreationHeaders(peer, small.size),
      body: await readFile(small.file),
    });
    await expectStatus(peer, 'creation-with-upload', response, 201);
    if (response.headers.get('upload-offset') !== String(small.size)) {
      throw new Error(`${peer.name}: creation-with-upload did not take the whole body`);
    }
  },
  run: (peer, context) =>
    rate({
      ...wrkFor(peer, context, peer.tusPath as string),
      headers: tusCreationHeaders(peer, context.small.size),
      env: { BENCH_METHOD: 'POST', BENCH_BODY_BYTES: String(context.small.size) },
    }),
};

export const smallPlainPost: Workload = {
  id: 'small-post',
  title: (context) => `${sizeName(context.small.size)} plain POST`,
  unit: 'req/s',
  subjects: ['temp-contents', 'node'],
  async prepare(peer, { small }) {
    const response = await fetch(`${peer.baseUrl}${peer.plainUploadPath}`, {
      method: 'POST',
      headers: { ...peer.headers, 'content-type': 'application/octet-stream' },
      body: await readFile(small.file),
    });
    await expectStatus(peer, 'plain POST', response, 201);
  },
  run: (peer, context) =>
    rate({
      ...wrkFor(peer, context, peer.plainUploadPath as string),
      headers: { ...peer.headers, 'content-type': 'application/octet-stream' },
      env: { BENCH_METHOD: 'POST', BENCH_BODY_BYTES: String(context.small.size) },
    }),
};

async function detailsPath(peer: Peer, context: BenchContext): Promise<string> {
  const location = await context.stored(peer, context.small.file);
  return peer.detailsPath?.(location) ?? location;
}

export const details: Workload = {
  id: 'details',
  title: () => 'details GET',
  unit: 'req/s',
  subjects: ['temp-contents', 'node'],
  async prepare(peer, context) {
    const response = await fetch(`${peer.baseUrl}${await detailsPath(peer, context)}`, {
      headers: peer.headers,
    });
    const text = await response.clone().text();
    await expectStatus(peer, 'details', response, 200);
    if ((JSON.parse(text) as { Size?: string }).Size !== String(context.small.size)) {
      throw new Error(`${peer.name}: details say another size: ${text}`);
    }
  },
  run: async (peer, context) => rate(wrkFor(peer, context, await detailsPath(peer, context))),
};
