import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { HEADERS, TUS_CONTENT_TYPE, TUS_VERSION } from '@temp-contents/contract';
import { rateLimitWaitMs, type TargetHttp, type TargetResponse } from '../../target/target-http.js';

/**
 * A tus PATCH whose body is sent chunked and followed by HTTP trailers (checksum-trailer):
 * `Trailer` names them up front, `trailers` follow the last chunk. fetch cannot send trailers,
 * so this goes through node:http; the exchange is recorded with the target's others, so the
 * `errors` suite and the Tus-Resumable check see it too. A 429 is waited out as `send` does.
 */
export async function patchWithTrailers(
  target: TargetHttp,
  url: string,
  offset: number,
  bytes: Uint8Array,
  trailers: Record<string, string>,
): Promise<TargetResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await sendOnce(target, url, offset, bytes, trailers);
    if (response.status !== 429 || attempt > 6) return response;
    const waitMs = rateLimitWaitMs(response.headers.get(HEADERS.retryAfter));
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

function sendOnce(
  target: TargetHttp,
  url: string,
  offset: number,
  bytes: Uint8Array,
  trailers: Record<string, string>,
): Promise<TargetResponse> {
  const address = new URL(target.resolve(url));
  const send = address.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(address, {
      method: 'PATCH',
      timeout: target.timeoutMs,
      headers: {
        [HEADERS.authorization]: `Bearer ${target.token}`,
        [HEADERS.tusResumable]: TUS_VERSION,
        [HEADERS.contentType]: TUS_CONTENT_TYPE,
        [HEADERS.uploadOffset]: String(offset),
        [HEADERS.trailer]: Object.keys(trailers).join(', '),
        'Transfer-Encoding': 'chunked',
      },
    });
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${target.timeoutMs} ms`)),
    );
    request.on('error', (error) =>
      reject(new Error(`PATCH ${address} (patchTus, with trailers) failed: ${error.message}`)),
    );
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined)
            headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const body = new Uint8Array(Buffer.concat(chunks));
        const exchange = {
          operation: 'patchTus' as const,
          method: 'PATCH',
          url: address.toString(),
          status: response.statusCode ?? 0,
          headers,
          body,
        };
        target.exchanges.push(exchange);
        resolve({
          ...exchange,
          text: () => new TextDecoder().decode(body),
          json: () => {
            try {
              return JSON.parse(new TextDecoder().decode(body)) as unknown;
            } catch {
              return undefined;
            }
          },
        });
      });
    });
    request.write(bytes);
    request.addTrailers(trailers);
    request.end();
  });
}
