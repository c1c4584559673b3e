// The tus baseline of the comparison bench: the stock @tus/server with @tus/file-store on bare
// node:http, as their README sets them up. No auth, no records besides the file store's own, no
// checks of ours: what temp-contents costs on top of the libraries it is built on.
//
//   node dist/tus-file-store-baseline-server.js <dataDir>   (prints "listening on http://127.0.0.1:<port>")
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: tus-file-store-baseline-server.js <dataDir>');

const tus = new Server({
  path: '/files',
  relativeLocation: true,
  datastore: new FileStore({ directory: dataDir }),
});
const server = http.createServer((req, res) => {
  void tus.handle(req, res);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
