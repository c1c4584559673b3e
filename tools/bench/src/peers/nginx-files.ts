// Debian's nginx serving files from a directory itself (sendfile, ranges): the ceiling for
// downloads on this machine. Files are put there by a hard link, not over HTTP.
import { link } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir, startFileServer } from '@temp-contents/stack';
import { groupMembers } from '../process-memory.js';
import type { Peer } from './peer.js';

export async function startNginxFiles(): Promise<Peer> {
  const root = await makeTempDir('tc-bench-nginx-root-');
  const nginx = await startFileServer({ root: root.path });
  let next = 0;
  return {
    id: 'nginx',
    name: 'nginx (static, sendfile)',
    baseUrl: nginx.baseUrl,
    headers: {},
    pids: () => (nginx.pid === undefined ? [] : groupMembers(nginx.pid)),
    async store(file) {
      const name = `file-${next++}`;
      await link(file, path.join(root.path, name));
      return `/${name}`;
    },
    async remove() {},
    async stop() {
      await nginx.stop();
      await root.remove();
    },
  };
}
