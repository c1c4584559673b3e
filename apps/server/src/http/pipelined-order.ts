import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * HTTP/1.1 pipelining: Node parses every request a client pipelines on one connection and
 * hands each to its handler at once; only the responses are written in order. A GET pipelined
 * after a DELETE of the same content could then answer with the deleted bytes. This hook makes
 * a request wait until the response to the previous request on its connection is finished
 * (or the connection closed), so a connection's requests take effect in the order sent.
 * Requests on different connections are not affected.
 */
export function orderPipelinedRequests(app: FastifyInstance): void {
  const lastOnSocket = new WeakMap<Socket, Promise<void>>();
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket;
    const previous = lastOnSocket.get(socket);
    let finished: () => void = () => undefined;
    const current = new Promise<void>((resolve) => {
      finished = resolve;
    });
    // 'close' fires for every response, written whole, cut, or hijacked (tus).
    reply.raw.once('close', finished);
    reply.raw.once('finish', finished);
    lastOnSocket.set(socket, current);
    if (previous !== undefined) await previous;
  });
}
