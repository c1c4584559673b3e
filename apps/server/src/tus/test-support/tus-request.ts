import http from 'node:http';

/**
 * A request body: bytes sent with Content-Length, or `{ chunked }` bytes sent with
 * Transfer-Encoding: chunked, followed by `trailers` when given (checksum-trailer).
 */
export type Body = Buffer | { chunked: Buffer; trailers?: Readonly<Record<string, string>> };

/**
 * One request as a test sends it; headers given as undefined are left out. fetch cannot send
 * trailers, so a body with trailers goes through node:http (`addTrailers`); the answer is a Fetch
 * `Response` either way.
 */
export async function sendTusRequest(
  url: string,
  method: string,
  headers: Record<string, string | undefined>,
  body?: Body,
): Promise<Response> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) sent[name] = value;
  }
  if (body !== undefined && !Buffer.isBuffer(body) && body.trailers !== undefined) {
    return withTrailers(url, method, sent, body.chunked, body.trailers);
  }
  let payload: BodyInit | undefined;
  if (Buffer.isBuffer(body)) payload = new Uint8Array(body);
  else if (body !== undefined) {
    const bytes = body.chunked;
    payload = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes));
        controller.close();
      },
    });
  }
  return fetch(url, { method, headers: sent, body: payload, duplex: 'half' } as RequestInit);
}

function withTrailers(
  url: string,
  method: string,
  headers: Record<string, string>,
  bytes: Buffer,
  trailers: Readonly<Record<string, string>>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      headers: { ...headers, 'transfer-encoding': 'chunked' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined)
            answer.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks);
        resolve(
          new Response(status === 204 || status === 304 ? null : new Uint8Array(text), {
            status,
            headers: answer,
          }),
        );
      });
    });
    req.write(bytes);
    req.addTrailers(trailers);
    req.end();
  });
}
