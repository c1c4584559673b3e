import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on a loopback port that forwards to a real server and breaks ONE behaviour on
 * the way (a `Fault`): the proof that the conformance suites notice when a server gets something
 * wrong. Request bodies are streamed (an aborted upload stays aborted upstream), trailers
 * included, unless the fault asks to read them first (`readsBody`); response bodies are buffered
 * so that a fault can rewrite them.
 */

export interface ProxyRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/temp-contents?ttl=0`. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The whole body, for a fault whose `readsBody` chose this request. */
  body?: Buffer;
  /** The body's trailers, likewise (lower-case names); forwarded after the body when any. */
  trailers?: Record<string, string>;
}

export interface ProxyResponse {
  status: number;
  /** Lower-case header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Fault {
  id: string;
  /** The behaviour this fault breaks, in the words a failing check should use. */
  breaks: string;
  /** A failing check's message must match this: it names the broken behaviour. */
  expect: RegExp;
  /** Read the whole body (and trailers) of this request before `onRequest` sees it. */
  readsBody?: (request: ProxyRequest) => boolean;
  /** Edit the request before it goes upstream, or return a response to answer without it. */
  onRequest?: (request: ProxyRequest) => ProxyResponse | undefined;
  /** Edit the upstream response before it goes back. */
  onResponse?: (response: ProxyResponse, request: ProxyRequest) => void;
}

export interface FaultProxy extends AsyncDisposable {
  url: string;
  close(): Promise<void>;
}

export async function startFaultProxy(
  upstream: string,
  fault: Fault | undefined,
): Promise<FaultProxy> {
  const target = new URL(upstream);
  const server: Server = createServer((incoming, outgoing) => {
    const request: ProxyRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: { ...incoming.headers },
    };
    const send = (response: ProxyResponse): void => {
      const headers = { ...response.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      delete headers['keep-alive'];
      // HEAD keeps the Content-Length the server declared (or a fault's); otherwise it follows
      // the (possibly rewritten) body.
      if (request.method !== 'HEAD' && response.status !== 204 && response.status !== 304) {
        headers['content-length'] = String(response.body.length);
      }
      outgoing.writeHead(response.status, headers);
      outgoing.end(request.method === 'HEAD' ? undefined : response.body);
    };
    if (fault?.readsBody?.(request)) {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        request.body = Buffer.concat(chunks);
        request.trailers = { ...(incoming.trailers as Record<string, string>) };
        forward();
      });
      return;
    }
    forward();

    function forward(): void {
      const early = fault?.onRequest?.(request);
      if (early) {
        incoming.resume();
        send(early);
        return;
      }
      const { body, trailers } = request;
      if (body !== undefined) {
        // A body the fault read goes up whole: chunked when trailers follow it, else measured.
        if (trailers !== undefined && Object.keys(trailers).length > 0) {
          delete request.headers['content-length'];
          request.headers['transfer-encoding'] = 'chunked';
        } else {
          delete request.headers['transfer-encoding'];
          delete request.headers.trailer;
          request.headers['content-length'] = String(body.length);
        }
      }
      const upstreamRequest = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (upstreamResponse) => {
          const chunks: Buffer[] = [];
          upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
          upstreamResponse.on('error', () => outgoing.destroy());
          upstreamResponse.on('end', () => {
            const response: ProxyResponse = {
              status: upstreamResponse.statusCode ?? 502,
              headers: { ...upstreamResponse.headers },
              body: Buffer.concat(chunks),
            };
            fault?.onResponse?.(response, request);
            send(response);
          });
        },
      );
      upstreamRequest.on('error', () => {
        if (!outgoing.headersSent) {
          outgoing.writeHead(502, { 'content-type': 'text/plain' });
          outgoing.end('proxy: upstream failed');
        } else outgoing.destroy();
      });
      if (body !== undefined) {
        upstreamRequest.write(body);
        if (trailers !== undefined && Object.keys(trailers).length > 0) {
          upstreamRequest.addTrailers(trailers);
        }
        upstreamRequest.end();
        return;
      }
      // A client that drops its connection mid-body drops it upstream too (interrupted PATCH).
      incoming.on('aborted', () => upstreamRequest.destroy());
      outgoing.on('close', () => {
        if (!incoming.complete) upstreamRequest.destroy();
      });
      incoming.pipe(upstreamRequest, { end: false });
      incoming.on('end', () => {
        // Trailers (checksum-trailer) are known once the body has ended; pipe would drop them.
        if (Object.keys(incoming.trailers).length > 0)
          upstreamRequest.addTrailers(incoming.trailers);
        upstreamRequest.end();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, close, [Symbol.asyncDispose]: close };
}
