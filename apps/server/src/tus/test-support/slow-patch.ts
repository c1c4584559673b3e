import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOKENS } from '../../test-support/test-app.js';

export interface SlowPatch {
  /** Status and headers, once the server answers (undefined if the connection died first). */
  response: Promise<
    { status: number; headers: http.IncomingHttpHeaders; body: string } | undefined
  >;
  /** Resolves when every chunk was handed to the socket (or the request ended early). */
  sent: Promise<void>;
  /** Drops the connection, as a crashing client or a cut network would. */
  destroy(): void;
}

/**
 * A PATCH whose body trickles in: `chunks` are written one by one with `delayMs` between them,
 * then the body is ended, or left open (`stall: true`) like a client that went silent. Built on
 * node:http so the test controls every byte and the connection itself.
 */
export function slowPatch(
  url: string,
  offset: number,
  chunks: readonly Buffer[],
  {
    delayMs,
    stall = false,
    token = TOKENS.alice,
  }: { delayMs: number; stall?: boolean; token?: string },
): SlowPatch {
  const req = http.request(url, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      'tus-resumable': '1.0.0',
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    },
  });
  let answered = false;
  const response = new Promise<
    { status: number; headers: http.IncomingHttpHeaders; body: string } | undefined
  >((resolve) => {
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        body += text;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // The server may close the connection while we still write (it answered, or it died).
    req.on('error', () => {
      if (!answered) resolve(undefined);
    });
    req.on('close', () => {
      if (!answered) resolve(undefined);
    });
  });
  const sent = (async () => {
    for (const chunk of chunks) {
      if (req.destroyed || answered) return;
      req.write(chunk);
      await sleep(delayMs);
    }
    if (!stall && !req.destroyed) req.end();
  })();
  return { response, sent, destroy: () => req.destroy() };
}
