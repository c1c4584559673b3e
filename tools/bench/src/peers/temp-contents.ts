// Ours: the built server (apps/server/dist/main.js) in a child process with a fresh data dir,
// a static token, rate limits off and log level warn; served by itself, or behind Debian's
// nginx with TC_ACCEL_REDIRECT so that nginx sends the bytes of downloads.
import path from 'node:path';
import { makeTempDir, startBalancer, startReplica } from '@temp-contents/stack';
import { groupMembers } from '../process-memory.js';
import { deleteTusUpload, type Peer, storeByPost } from './peer.js';

const TOKEN = 'bench-token';
const API = '/api/v1/temp-contents';
const ACCEL_PREFIX = '/_tc_files/';

export async function startTempContents(options: {
  accel: boolean;
  /** More Node flags for the server process (bench:profile passes --cpu-prof). */
  nodeFlags?: string[];
}): Promise<Peer> {
  const dataDir = await makeTempDir('tc-bench-data-');
  const replica = await startReplica(
    {
      TC_DATA_DIR: dataDir.path,
      TC_STATIC_TOKENS: `${TOKEN}=bench:bench`,
      TC_RATE_LIMIT: 'off',
      TC_LOG_LEVEL: 'warn',
      TC_MAX_UPLOAD_BYTES: String(2 ** 40),
      ...(options.accel ? { TC_ACCEL_REDIRECT: ACCEL_PREFIX } : {}),
    },
    { nodeFlags: options.nodeFlags ?? [] },
  );
  const nginx = options.accel
    ? await startBalancer({
        upstreams: [replica.baseUrl],
        accel: { prefix: ACCEL_PREFIX, directory: path.join(dataDir.path, 'files') },
      })
    : undefined;
  const peer: Peer = {
    id: options.accel ? 'temp-contents-accel' : 'temp-contents',
    name: options.accel ? 'temp-contents behind nginx (X-Accel-Redirect)' : 'temp-contents',
    baseUrl: nginx?.baseUrl ?? replica.baseUrl,
    headers: { authorization: `Bearer ${TOKEN}` },
    pids: () => [
      ...(replica.pid === undefined ? [] : [replica.pid]),
      ...(nginx?.pid === undefined ? [] : groupMembers(nginx.pid)),
    ],
    plainUploadPath: `${API}?filename=bench.bin`,
    tusPath: `${API}/files`,
    detailsPath: (location) => `${location}/details`,
    store: (file) => storeByPost(peer, file),
    // Every content is an upload: tus termination removes plain ones too.
    remove: (location) =>
      deleteTusUpload(peer, `${API}/files/${location.split('/').pop() as string}`),
    async stop() {
      await nginx?.stop();
      await replica.terminate();
      await dataDir.remove();
    },
  };
  return peer;
}
