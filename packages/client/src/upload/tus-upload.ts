/**
 * Resumable uploads through tus-js-client (the protocol is the library's job; this module only
 * feeds it our source, our token and our error types).
 */
import type { DetailedError, HttpResponse, Upload } from 'tus-js-client';
import { authorizationHeader, type TokenSource } from '../auth/token.js';
import { isErrorEnvelope, TempContentsError, TempContentsNetworkError } from '../errors/errors.js';
import { type ClientChecksumAlgorithm, checksummingHttpStack } from './tus-checksum.js';
import type { TusFileSource } from './tus-file-source.js';
import type { ParallelRun } from './tus-parallel.js';

type TusFileReader = NonNullable<ConstructorParameters<typeof Upload>[1]['fileReader']>;

/** tus-js-client's own default: retry at once, then after 1 s, 3 s and 5 s. */
export const DEFAULT_RETRY_DELAYS: readonly number[] = [0, 1000, 3000, 5000];

export interface TusRunOptions {
  /** Creation endpoint (new upload) ... */
  endpoint?: string | undefined;
  /** ... or the URL of an existing upload to resume. */
  uploadUrl?: string | undefined;
  metadata: Record<string, string>;
  chunkSize: number;
  retryDelays: readonly number[] | null;
  /** Total size when known; otherwise the length is deferred (`Upload-Defer-Length: 1`). */
  uploadSize: number | undefined;
  auth: TokenSource;
  headers: Record<string, string> | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((bytesSent: number, bytesTotal: number | undefined) => void) | undefined;
  onUploadUrl: ((url: string) => void) | undefined;
  /** Split into partial uploads sent at once, then concatenated (tus concatenation). */
  parallel?: ParallelRun | undefined;
  /** Send `Upload-Checksum` with this algorithm on every PATCH (tus checksum extension). */
  checksum: ClientChecksumAlgorithm | undefined;
}

/**
 * Retry what a later attempt can fix: no response at all (network), 409 (offset out of step,
 * tus-js-client re-reads it with HEAD), 423 (upload locked by a dying request), 429, 460 (the
 * chunk was damaged on the way: the server stored nothing, so it is sent again) and 5xx.
 */
export function shouldRetryTus(status: number): boolean {
  return (
    status === 0 ||
    status === 409 ||
    status === 423 ||
    status === 429 ||
    status === 460 ||
    status >= 500
  );
}

/** The response headers tus-js-client saw, as a `Headers` object. */
function responseHeaders(response: HttpResponse): Headers {
  const headers = new Headers();
  const native: unknown = response.getUnderlyingObject();
  // Node: an http.IncomingMessage with a `headers` record.
  const record = (native as { headers?: Record<string, string | string[] | undefined> } | null)
    ?.headers;
  if (record && typeof record === 'object') {
    for (const [name, value] of Object.entries(record)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return headers;
  }
  // Browsers: the XMLHttpRequest.
  const xhr = native as { getAllResponseHeaders?: () => string } | null;
  for (const line of xhr?.getAllResponseHeaders?.().split(/\r?\n/) ?? []) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function toUploadError(error: Error | DetailedError): Error {
  const detailed = error as Partial<DetailedError>;
  const response = detailed.originalResponse;
  const request = detailed.originalRequest;
  const status = response?.getStatus() ?? 0;
  if (response && status > 0) {
    let envelope: unknown;
    try {
      envelope = JSON.parse(response.getBody());
    } catch {
      envelope = undefined;
    }
    return new TempContentsError({
      status,
      envelope: isErrorEnvelope(envelope) ? envelope : undefined,
      headers: responseHeaders(response),
      method: request?.getMethod(),
      url: request?.getURL(),
    });
  }
  if (request) {
    const cause = detailed.causingError?.message ?? error.message;
    return new TempContentsNetworkError(
      `tus ${request.getMethod()} ${request.getURL()} failed: ${cause}`,
      { cause: error },
    );
  }
  return error;
}

/**
 * Runs one tus upload to completion; resolves with the upload URL. tus-js-client is loaded on
 * first use, so a browser app that only downloads or sends small files does not load it.
 */
export async function runTusUpload(source: TusFileSource, options: TusRunOptions): Promise<string> {
  const tus = await import('tus-js-client');
  // Loaded with tus-js-client, on demand: most uploads are not parallel.
  const parallel =
    options.parallel &&
    (await import('./tus-parallel.js')).parallelUpload(source, options.parallel);
  return new Promise<string>((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const upload = new tus.Upload((parallel?.file ?? source) as unknown as Blob, {
      endpoint: options.endpoint ?? null,
      uploadUrl: options.uploadUrl ?? null,
      metadata: options.metadata,
      chunkSize: options.chunkSize,
      retryDelays: options.retryDelays ? [...options.retryDelays] : null,
      ...(options.uploadSize === undefined
        ? { uploadLengthDeferred: true }
        : { uploadSize: options.uploadSize }),
      headers: options.headers ?? {},
      ...(options.checksum === undefined
        ? {}
        : { httpStack: checksummingHttpStack(tus.defaultOptions.httpStack, options.checksum) }),
      // Our source is already open; resuming goes through `uploadUrl`, never through storage.
      // tus-js-client types `size` as number; ours is null for a deferred length, as its own
      // stream sources are.
      fileReader: { openFile: () => Promise.resolve(source) } as unknown as TusFileReader,
      fingerprint: () => Promise.resolve(null as unknown as string),
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      async onBeforeRequest(request) {
        const value = await authorizationHeader(options.auth);
        if (value) request.setHeader('Authorization', value);
      },
      onShouldRetry(error) {
        return shouldRetryTus(error.originalResponse?.getStatus() ?? 0);
      },
      onProgress(sent, total) {
        // With a deferred length tus-js-client reports a total of null until the end.
        options.onProgress?.(sent, total ?? undefined);
      },
      onUploadUrlAvailable() {
        if (upload.url) options.onUploadUrl?.(upload.url);
      },
      onSuccess() {
        signal?.removeEventListener('abort', onAbort);
        resolve(upload.url ?? options.uploadUrl ?? '');
      },
      onError(error) {
        signal?.removeEventListener('abort', onAbort);
        reject(toUploadError(error));
      },
      ...parallel?.options,
    });
    parallel?.prepare(upload);
    function onAbort(): void {
      // `abort(false)` keeps the upload on the server, so it can be resumed from its URL.
      upload.abort(false).then(
        () => reject(signal?.reason),
        () => reject(signal?.reason),
      );
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    upload.start();
  });
}
