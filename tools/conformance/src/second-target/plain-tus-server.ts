import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import Fastify from 'fastify';

/**
 * The second target: `@tus/server` + `@tus/file-store` mounted on Fastify the way their README
 * shows, with no fixes at all, at the spec's tus path. Running the tus suite against it shows
 * which tus 1.0.0 requirements the stock library leaves to its users (docs/conformance.md).
 */
export interface PlainTusServer extends AsyncDisposable {
  url: string;
  close(): Promise<void>;
}

export async function startPlainTusServer(
  options: { maxSize?: number } = {},
): Promise<PlainTusServer> {
  const directory = await mkdtemp(join(tmpdir(), 'tc-plain-tus-'));
  const tus = new TusServer({
    path: '/api/v1/temp-contents/files',
    datastore: new FileStore({ directory }),
    ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }),
  });
  const app = Fastify();
  // Leave the body stream to @tus/server.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) =>
    done(null),
  );
  const handle = async (
    request: { raw: import('node:http').IncomingMessage },
    reply: { hijack(): void; raw: import('node:http').ServerResponse },
  ) => {
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  app.all('/api/v1/temp-contents/files', handle);
  app.all('/api/v1/temp-contents/files/*', handle);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const close = async () => {
    await app.close();
    await rm(directory, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${address.port}`, close, [Symbol.asyncDispose]: close };
}
