import { createTempContentsClient, type TempContentsClient } from '@temp-contents/client';
import { API_PATHS, HEADERS, TUS_CONTENT_TYPE, TUS_VERSION } from '@temp-contents/contract';

/**
 * How the suites reach a target: through `@temp-contents/client`'s typed raw client (openapi-fetch
 * over the contract's paths, with its auth middleware and binary bodies), given a `fetch` that
 * keeps a copy of every response's bytes. Every exchange is recorded so that the `errors` suite
 * can check the error envelope on every error any suite provoked.
 *
 * A conformance suite must also send what a well-behaved client never would (a wrong
 * `Tus-Resumable`, a malformed `Range`, no token at all) and see every header and byte of the
 * answer unparsed, so requests pass their headers as plain init headers rather than typed
 * parameters, and the recorded bytes, not openapi-fetch's parsed `data`, are what checks read.
 * URLs on another origin (a tus `Location` pointing elsewhere) go through plain `fetch`.
 */

/** The untyped door of openapi-fetch's client: any method and path of the base URL. */
type RawRequest = (
  method: string,
  path: string,
  init: { headers: Headers; body?: unknown; signal: AbortSignal; parseAs: 'stream' },
) => Promise<{ response: Response }>;

/** A label for the spec operation a request exercises (operationId, or a pseudo one). */
export type OperationLabel =
  | 'TempContentsPost'
  | 'TempContentsGet'
  | 'TempContentsHead'
  | 'TempContentsDetails'
  | 'optionsTus'
  | 'postTus'
  | 'headTus'
  | 'patchTus'
  | 'deleteTus'
  | 'unknownRoute'
  | 'methodNotAllowed';

export interface TargetRequest {
  operation: OperationLabel;
  method: string;
  /** A path below the base URL (with query), or an absolute URL (tus `Location`). */
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string | ReadableStream<Uint8Array>;
  /** `undefined`: the target's token; `null`: no `Authorization` header; a string: that token. */
  token?: string | null;
  signal?: AbortSignal;
}

export interface TargetResponse {
  operation: OperationLabel;
  method: string;
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array;
  text(): string;
  /** Parsed JSON, or `undefined` when the body is not JSON. */
  json(): unknown;
}

export interface Exchange {
  operation: OperationLabel;
  method: string;
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** A request the target answered 429 to, about to be sent again after `waitMs`. */
export interface RateLimitWait {
  operation: OperationLabel;
  method: string;
  waitMs: number;
  attempt: number;
}

export interface TargetHttpOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Shared between the tenant's targets so one `errors` pass sees every exchange. */
  recorder?: Exchange[];
  /** Told before each wait for a rate limit (the CLI prints a progress line). */
  onRateLimited?: (wait: RateLimitWait) => void;
}

/** How often one request is sent again after a 429, and the longest single wait. */
const RATE_LIMIT_RETRIES = 6;
const RATE_LIMIT_MAX_WAIT_MS = 60_000;

/**
 * How long a 429 asks to wait: `Retry-After` in seconds or as an HTTP date, at least 1 s
 * (also when absent or unreadable), at most a minute.
 */
export function rateLimitWaitMs(retryAfter: string | null, now = Date.now()): number {
  const value = retryAfter?.trim() ?? '';
  let ms = 1000;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (value !== '' && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - now;
  return Math.min(RATE_LIMIT_MAX_WAIT_MS, Math.max(1000, ms));
}

export class TargetHttp {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly exchanges: Exchange[];
  private readonly onRateLimited: ((wait: RateLimitWait) => void) | undefined;
  /** Bytes of each response the clients received, keyed by the Response object. */
  private readonly bodies = new WeakMap<Response, Uint8Array>();
  private readonly client: TempContentsClient;
  /** The same client without a token, for `token: null` requests. */
  private readonly anonymous: TempContentsClient;

  constructor(options: TargetHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs;
    this.exchanges = options.recorder ?? [];
    this.onRateLimited = options.onRateLimited;
    const recordingFetch = async (request: Request): Promise<Response> => {
      const response = await fetch(request, { redirect: 'manual' });
      this.bodies.set(response, new Uint8Array(await response.clone().arrayBuffer()));
      return response;
    };
    this.client = createTempContentsClient({
      baseUrl: this.baseUrl,
      token: this.token,
      fetch: recordingFetch,
    });
    this.anonymous = createTempContentsClient({ baseUrl: this.baseUrl, fetch: recordingFetch });
  }

  /** The same target seen with another token (another tenant), sharing the recorder. */
  withToken(token: string): TargetHttp {
    return new TargetHttp({
      baseUrl: this.baseUrl,
      token,
      timeoutMs: this.timeoutMs,
      recorder: this.exchanges,
      ...(this.onRateLimited ? { onRateLimited: this.onRateLimited } : {}),
    });
  }

  resolve(url: string): string {
    if (/^https?:\/\//i.test(url)) return url;
    return `${this.baseUrl}${url.startsWith('/') ? '' : '/'}${url}`;
  }

  /**
   * Sends a request. A 429 is waited out (its `Retry-After`) and the request sent again, up to
   * six times: a deployment's rate limits are not what the suites check, and a staging server
   * with production limits would otherwise fail checks at random. A request whose body is a
   * stream cannot be sent twice; its 429 is returned as is.
   */
  async send(request: TargetRequest): Promise<TargetResponse> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.sendOnce(request);
      if (
        response.status !== 429 ||
        attempt > RATE_LIMIT_RETRIES ||
        request.body instanceof ReadableStream
      ) {
        return response;
      }
      const waitMs = rateLimitWaitMs(response.headers.get('retry-after'));
      this.onRateLimited?.({
        operation: request.operation,
        method: request.method,
        waitMs,
        attempt,
      });
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  private async sendOnce(request: TargetRequest): Promise<TargetResponse> {
    const url = this.resolve(request.url);
    const headers = new Headers(request.headers);
    if (typeof request.token === 'string' && !headers.has(HEADERS.authorization)) {
      headers.set(HEADERS.authorization, `Bearer ${request.token}`);
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    let body: Uint8Array;
    try {
      if (url.startsWith(`${this.baseUrl}/`)) {
        const client = request.token === null ? this.anonymous : this.client;
        const raw = client.raw.request as unknown as RawRequest;
        ({ response } = await raw(request.method, url.slice(this.baseUrl.length), {
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal,
          parseAs: 'stream',
        }));
        body = this.bodies.get(response) ?? new Uint8Array();
      } else {
        const token = request.token === undefined ? this.token : request.token;
        if (token !== null && !headers.has(HEADERS.authorization)) {
          headers.set(HEADERS.authorization, `Bearer ${token}`);
        }
        const init: RequestInit & { duplex?: 'half' } = {
          method: request.method,
          headers,
          signal,
          redirect: 'manual',
        };
        if (request.body !== undefined) {
          init.body = request.body as BodyInit;
          if (request.body instanceof ReadableStream) init.duplex = 'half';
        }
        response = await fetch(url, init);
        body = new Uint8Array(await response.arrayBuffer());
      }
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = timeout.aborted
        ? `no answer within ${this.timeoutMs} ms`
        : cause instanceof Error
          ? cause.message
          : String(cause);
      throw new Error(`${request.method} ${url} (${request.operation}) failed: ${reason}`);
    }
    const exchange: Exchange = {
      operation: request.operation,
      method: request.method,
      url,
      status: response.status,
      headers: response.headers,
      body,
    };
    this.exchanges.push(exchange);
    return {
      ...exchange,
      text: () => new TextDecoder().decode(body),
      json: () => {
        try {
          return JSON.parse(new TextDecoder().decode(body)) as unknown;
        } catch {
          return undefined;
        }
      },
    };
  }

  // --- The spec's operations, with the headers a well-behaved client sends -----------------

  postContent(
    bytes: Uint8Array,
    query: { filename?: string; ttl?: number | string } = {},
    extra: Partial<TargetRequest> = {},
  ): Promise<TargetResponse> {
    const params = new URLSearchParams();
    if (query.filename !== undefined) params.set('filename', query.filename);
    if (query.ttl !== undefined) params.set('ttl', String(query.ttl));
    const search = params.size > 0 ? `?${params.toString().replace(/\+/g, '%20')}` : '';
    return this.send({
      operation: 'TempContentsPost',
      method: 'POST',
      url: `${API_PATHS.contents}${search}`,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
      ...extra,
    });
  }

  getContent(
    id: string,
    headers: Record<string, string> = {},
    query = '',
    extra: Partial<TargetRequest> = {},
  ): Promise<TargetResponse> {
    return this.send({
      operation: 'TempContentsGet',
      method: 'GET',
      url: `${contentPath(id)}${query}`,
      headers,
      ...extra,
    });
  }

  headContent(
    id: string,
    headers: Record<string, string> = {},
    query = '',
    extra: Partial<TargetRequest> = {},
  ): Promise<TargetResponse> {
    return this.send({
      operation: 'TempContentsHead',
      method: 'HEAD',
      url: `${contentPath(id)}${query}`,
      headers,
      ...extra,
    });
  }

  details(id: string, extra: Partial<TargetRequest> = {}): Promise<TargetResponse> {
    return this.send({
      operation: 'TempContentsDetails',
      method: 'GET',
      url: API_PATHS.details.replace('{id}', encodeURIComponent(id)),
      ...extra,
    });
  }

  tusOptions(extra: Partial<TargetRequest> = {}): Promise<TargetResponse> {
    return this.send({
      operation: 'optionsTus',
      method: 'OPTIONS',
      url: API_PATHS.tusFiles,
      token: null,
      ...extra,
    });
  }

  tusCreate(
    headers: Record<string, string>,
    body?: Uint8Array,
    extra: Partial<TargetRequest> = {},
  ): Promise<TargetResponse> {
    const all: Record<string, string> = { [HEADERS.tusResumable]: TUS_VERSION, ...headers };
    if (body !== undefined) all[HEADERS.contentType] ??= TUS_CONTENT_TYPE;
    return this.send({
      operation: 'postTus',
      method: 'POST',
      url: API_PATHS.tusFiles,
      headers: all,
      ...(body === undefined ? {} : { body }),
      ...extra,
    });
  }

  tusHead(
    uploadUrl: string,
    headers: Record<string, string> = {},
    extra: Partial<TargetRequest> = {},
  ): Promise<TargetResponse> {
    return this.send({
      operation: 'headTus',
      method: 'HEAD',
      url: uploadUrl,
      headers: { [HEADERS.tusResumable]: TUS_VERSION, ...headers },
      ...extra,
    });
  }

  tusPatch(
    uploadUrl: string,
    offset: number | string,
    bytes: Uint8Array | ReadableStream<Uint8Array>,
    headers: Record<string, string> = {},
    extra: Partial<TargetRequest> = {},
  ): Promise<TargetResponse> {
    return this.send({
      operation: 'patchTus',
      method: 'PATCH',
      url: uploadUrl,
      headers: {
        [HEADERS.tusResumable]: TUS_VERSION,
        [HEADERS.contentType]: TUS_CONTENT_TYPE,
        [HEADERS.uploadOffset]: String(offset),
        ...headers,
      },
      body: bytes,
      ...extra,
    });
  }

  tusDelete(
    uploadUrl: string,
    headers: Record<string, string> = {},
    extra: Partial<TargetRequest> = {},
  ): Promise<TargetResponse> {
    return this.send({
      operation: 'deleteTus',
      method: 'DELETE',
      url: uploadUrl,
      headers: { [HEADERS.tusResumable]: TUS_VERSION, ...headers },
      ...extra,
    });
  }
}

export function contentPath(id: string): string {
  return API_PATHS.content.replace('{id}', encodeURIComponent(id));
}

/** The tus upload URL for an id, for targets whose `Location` we do not have. */
export function tusFilePath(id: string): string {
  return API_PATHS.tusFile.replace('{id}', encodeURIComponent(id));
}

/** The last path segment of a tus `Location`: the upload (and content) id. */
export function idFromLocation(location: string): string {
  const path = location.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}
