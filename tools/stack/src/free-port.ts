import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on 127.0.0.1. Processes that take a port number rather
 * than an inherited socket need one; the short race with another process is handled by the
 * launchers retrying a failed start.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
