// The object-store baseline of the large-transfer benchmark: @tus/s3-store alone behind bare
// node:http, on the same S3-compatible server as temp-contents' s3 backend. POST /upload creates
// an upload of Content-Length bytes and writes the body through S3Store (multipart); GET on the
// Location streams the object back. No auth, records, Redis or checks: the figures say what
// the object store and @tus/s3-store cost by themselves.
//
//   TC_S3_ENDPOINT=… TC_S3_BUCKET=… AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
//     node dist/s3-store-baseline-server.js       (prints "listening on http://127.0.0.1:<port>")
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { S3Store } from '@tus/s3-store';
import { Upload } from '@tus/utils';

const store = new S3Store({
  partSize: 8 * 1024 * 1024,
  s3ClientConfig: {
    bucket: process.env.TC_S3_BUCKET ?? 'temp-contents',
    region: process.env.TC_S3_REGION ?? 'us-east-1',
    endpoint: process.env.TC_S3_ENDPOINT,
    forcePathStyle: true,
  },
});

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/upload') {
      const id = randomBytes(16).toString('hex');
      const size = Number(req.headers['content-length']);
      await store.create(new Upload({ id, size, offset: 0 }));
      await store.write(req, id, 0);
      res.writeHead(201, { location: `/files/${id}`, 'content-length': 0 }).end();
      return;
    }
    const match = /^\/files\/([0-9a-f]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && match?.[1] !== undefined) {
      const body = (await store.read(match[1])) as Readable;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      await pipeline(body, res);
      return;
    }
    res.writeHead(404).end();
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
