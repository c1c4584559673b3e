// The Node baselines, each a script of this package run with the bench's own Node on a fresh
// data dir: bare node:http (piping bodies to files and back, a JSON details route) and the
// stock @tus/server with @tus/file-store.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, startManaged, waitUntilReady } from '@temp-contents/stack';
import { deleteTusUpload, type Peer, storeByPost, storeByTus } from './peer.js';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

async function startScript(script: string, dataDir: string) {
  const managed = startManaged(process.execPath, [path.join(DIST, script), dataDir]);
  let baseUrl = '';
  await waitUntilReady(script, managed, async () => {
    baseUrl = /listening on (http:\/\/\S+)/.exec(managed.stdout())?.[1] ?? '';
    return baseUrl !== '';
  });
  return { managed, baseUrl };
}

export async function startBareNode(): Promise<Peer> {
  const dataDir = await makeTempDir('tc-bench-node-');
  const { managed, baseUrl } = await startScript('baseline-server.js', dataDir.path);
  const peer: Peer = {
    id: 'node',
    name: 'bare node:http',
    baseUrl,
    headers: {},
    pids: () => (managed.pid === undefined ? [] : [managed.pid]),
    plainUploadPath: '/upload',
    detailsPath: (location) => `${location}/details`,
    store: (file) => storeByPost(peer, file),
    async remove(location) {
      const response = await fetch(`${baseUrl}${location}`, { method: 'DELETE' });
      await response.arrayBuffer();
    },
    async stop() {
      await managed.stop();
      await dataDir.remove();
    },
  };
  return peer;
}

export async function startTusNodeServer(): Promise<Peer> {
  const dataDir = await makeTempDir('tc-bench-tus-');
  const { managed, baseUrl } = await startScript('tus-file-store-baseline-server.js', dataDir.path);
  const peer: Peer = {
    id: 'tus-node',
    name: '@tus/server + @tus/file-store',
    baseUrl,
    headers: {},
    pids: () => (managed.pid === undefined ? [] : [managed.pid]),
    tusPath: '/files',
    store: (file) => storeByTus(peer, file),
    remove: (location) => deleteTusUpload(peer, location),
    async stop() {
      await managed.stop();
      await dataDir.remove();
    },
  };
  return peer;
}
