/**
 * The typed openapi-fetch client every other part of the package (and `client.raw` users) goes
 * through. It adds three things to plain `createClient<paths>()`: the bearer token, extra headers,
 * and binary request bodies sent as bytes instead of JSON.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { authorizationHeader, type TokenSource } from '../auth/token.js';
import { BINARY_MEDIA_TYPES, type ClientPaths } from './binary-paths.js';

export type RawClient = Client<ClientPaths>;

export interface RawClientOptions {
  baseUrl: string;
  auth: TokenSource;
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  headers?: Record<string, string> | undefined;
}

/** Request bodies of this API are bytes; only a plain object would ever be JSON. */
function serializeBody(body: unknown): unknown {
  if (
    body === null ||
    typeof body !== 'object' ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof ReadableStream ||
    body instanceof FormData ||
    body instanceof URLSearchParams
  ) {
    return body;
  }
  return JSON.stringify(body);
}

/** Binary media type of each operation whose request body is bytes, by `METHOD schemaPath`. */
const BINARY_BODY_TYPES: Record<string, string> = {
  'POST /api/v1/temp-contents': 'application/octet-stream',
  'POST /api/v1/temp-contents/files': 'application/offset+octet-stream',
  'PATCH /api/v1/temp-contents/files/{id}': 'application/offset+octet-stream',
};

function authMiddleware(auth: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      if (request.headers.has('Authorization')) return undefined;
      const value = await authorizationHeader(auth);
      if (value) request.headers.set('Authorization', value);
      return request;
    },
  };
}

/**
 * openapi-fetch labels every body `application/json` unless the caller says otherwise; for the
 * byte-bodied operations the right default is their binary media type.
 */
const binaryContentTypeMiddleware: Middleware = {
  onRequest({ request, schemaPath }) {
    const binaryType = BINARY_BODY_TYPES[`${request.method} ${schemaPath}`];
    if (!binaryType || request.headers.get('Content-Type') !== 'application/json') return undefined;
    request.headers.set('Content-Type', binaryType);
    return request;
  },
};

export function createRawClient(options: RawClientOptions): RawClient {
  const client = createClient<ClientPaths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    bodySerializer: serializeBody,
    // A ReadableStream request body needs `duplex: 'half'` (Fetch standard; Node's fetch rejects
    // the request without it). It is ignored for requests without a streaming body.
    ...({ duplex: 'half' } as object),
  });
  client.use(authMiddleware(options.auth), binaryContentTypeMiddleware);
  return client;
}

export { BINARY_MEDIA_TYPES };
