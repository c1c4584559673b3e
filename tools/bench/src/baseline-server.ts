// The baseline the large-transfer benchmark compares temp-contents with: the least a Node HTTP
// server can do to store and serve a body. POST /upload streams the body to a file and answers
// 201 with a Location; GET on that Location streams the file back. No auth, no metadata, no
// checks: the figures it gets are the ceiling for this machine and Node version. The comparison
// bench also reads GET <Location>/details (the file's size and times as JSON, the least a
// details route does) and removes files with DELETE <Location>.
//
//   node dist/baseline-server.js <dataDir>     (prints "listening on http://127.0.0.1:<port>")
import { createReadStream, createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: baseline-server.js <dataDir>');
let next = 0;

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/upload') {
      const name = String(next++);
      await pipeline(req, createWriteStream(path.join(dataDir, name)));
      res.writeHead(201, { location: `/files/${name}`, 'content-length': 0 }).end();
      return;
    }
    const match = /^\/files\/(\d+)(\/details)?$/.exec(req.url ?? '');
    const name = match?.[1];
    if (req.method === 'GET' && name !== undefined && match?.[2] !== undefined) {
      const { size, birthtime, mtime } = await stat(path.join(dataDir, name));
      const body = JSON.stringify({
        ID: name,
        Size: String(size),
        CreatedAt: birthtime.toISOString(),
        UpdatedAt: mtime.toISOString(),
      });
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    if (req.method === 'GET' && name !== undefined) {
      const file = path.join(dataDir, name);
      const { size } = await stat(file);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      await pipeline(createReadStream(file), res);
      return;
    }
    if (req.method === 'DELETE' && name !== undefined && match?.[2] === undefined) {
      await unlink(path.join(dataDir, name));
      res.writeHead(204).end();
      return;
    }
    res.writeHead(404, { 'content-length': 0 }).end();
  } catch (error) {
    res.destroy(error as Error);
  }
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
