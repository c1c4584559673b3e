import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long a rejected request's body is read and discarded before the connection is cut. */
export const LINGER_MS = 2000;

/**
 * Ends `res` with `body` without losing it to a TCP reset. When a response (an early error, with
 * `Connection: close`) goes out while the client is still sending the request body, closing
 * the socket at once makes the kernel answer the client's next bytes with a reset, and a
 * client that has not read the response yet loses it (it sees EPIPE/ECONNRESET instead of the
 * 409 or 413). So the response is written whole at once, and its end — after which Node closes
 * the connection — waits until the request body has been read to its end (discarded) or
 * `lingerMs` has passed, as servers' "lingering close" does.
 */
export function endAfterRequestBody(
  request: IncomingMessage,
  res: ServerResponse,
  body: string,
  lingerMs: number = LINGER_MS,
): void {
  if (request.complete || request.destroyed) {
    res.end(body);
    return;
  }
  res.write(body);
  const finish = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(finish, lingerMs);
  timer.unref();
  request.once('end', finish);
  request.once('close', finish);
  res.once('close', () => clearTimeout(timer));
  // Whoever was reading the body gave up on it (e.g. a web stream wrapper that holds it paused):
  // let the rest flow into nothing.
  request.removeAllListeners('data');
  request.resume();
}
