/**
 * The client's one error style: the high-level methods (`upload`, `resumeUpload`, `download`,
 * `downloadToFile`, `details`) return what they promise or throw one of these classes.
 * `raw` keeps openapi-fetch's errors-as-values; `toTempContentsError` converts one of those.
 */
import {
  type ApiErrorObject,
  ERROR_REGISTRY,
  type ErrorCode,
  type ErrorEnvelope,
} from '@temp-contents/contract';

/** An error code of this server's registry, or any other string a different deployment sends. */
export type TempContentsErrorCode = ErrorCode | 'INCOMPLETE' | (string & {});

export interface TempContentsErrorInit {
  status: number;
  /** The parsed body when it was the JSON error envelope. */
  envelope?: ErrorEnvelope | undefined;
  headers: Headers;
  /** Request method and URL, for messages. */
  method?: string | undefined;
  url?: string | undefined;
}

/**
 * For an error without an envelope (HEAD answers have no body): the registry's code and title
 * when exactly one code has this status (404 -> NOT_FOUND), else `HTTP_<status>`.
 */
function codeForStatus(status: number): { code: string; title: string } {
  const matches = Object.entries(ERROR_REGISTRY).filter(([, entry]) => entry.status === status);
  const only = matches.length === 1 ? matches[0] : undefined;
  return only
    ? { code: only[0], title: only[1].title }
    : { code: `HTTP_${status}`, title: `HTTP ${status}` };
}

/**
 * The server answered with a status the operation does not treat as success. `code`, `title`
 * and `detail` come from the first entry of the JSON error envelope; when the body was not an
 * envelope (a HEAD response, a proxy's HTML page) they come from the status (see
 * `codeForStatus`).
 */
export class TempContentsError extends Error {
  override readonly name: string = 'TempContentsError';
  readonly status: number;
  readonly code: TempContentsErrorCode;
  readonly title: string;
  readonly detail: string | undefined;
  readonly traceId: string | undefined;
  /** Every entry of the envelope (usually one). */
  readonly errors: readonly ApiErrorObject[];
  readonly headers: Headers;

  constructor(init: TempContentsErrorInit) {
    const first = init.envelope?.errors[0];
    const fallback = first ? undefined : codeForStatus(init.status);
    const code = first?.code ?? fallback?.code ?? '';
    const title = first?.title ?? fallback?.title ?? '';
    const where = init.method && init.url ? ` (${init.method} ${init.url})` : '';
    const detail = first?.detail ? `: ${first.detail}` : '';
    super(`${init.status} ${code} ${title}${detail}${where}`);
    this.status = init.status;
    this.code = code;
    this.title = title;
    this.detail = first?.detail;
    this.traceId = init.envelope?.traceId;
    this.errors = init.envelope?.errors ?? [];
    this.headers = init.headers;
  }
}

/**
 * `204 No Content` from the download or details of a content whose tus upload is not finished.
 * Not an HTTP error, but the caller asked for bytes or details that do not exist yet, so it is
 * thrown like one, with the synthetic code `INCOMPLETE`.
 */
export class TempContentsIncompleteError extends TempContentsError {
  override readonly name: string = 'TempContentsIncompleteError';
  constructor(init: Omit<TempContentsErrorInit, 'status' | 'envelope'>) {
    super({
      ...init,
      status: 204,
      envelope: {
        errors: [
          {
            code: 'INCOMPLETE',
            title: 'Content incomplete',
            detail: 'The upload of this content has not finished yet.',
          },
        ],
        traceId: '',
      },
    });
  }
}

/**
 * The request did not complete: the server could not be reached, the connection dropped, or a
 * body ended before the length the server announced. There is no HTTP status to report.
 */
export class TempContentsNetworkError extends Error {
  override readonly name: string = 'TempContentsNetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True when `value` looks like the JSON error envelope. */
export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const errors = (value as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as { code?: unknown }).code === 'string' &&
        typeof (e as { title?: unknown }).title === 'string',
    )
  );
}

/**
 * Builds the typed error for a non-success `response`. `body` is what openapi-fetch put in
 * `error` (parsed JSON, text, or undefined for bodiless answers).
 */
export function toTempContentsError(
  response: Response,
  body: unknown,
  method?: string,
): TempContentsError {
  let envelope: ErrorEnvelope | undefined;
  if (isErrorEnvelope(body)) envelope = body;
  else if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isErrorEnvelope(parsed)) envelope = parsed;
    } catch {
      // Not JSON (a proxy page, an empty body): the status alone describes the error.
    }
  }
  return new TempContentsError({
    status: response.status,
    envelope,
    headers: response.headers,
    method,
    url: response.url,
  });
}

/** True for the errors `fetch` raises when the caller's AbortSignal fired. */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Wraps a transport failure from `fetch` (or rethrows the caller's abort reason unchanged). */
export function toNetworkError(error: unknown, what: string, signal?: AbortSignal): unknown {
  if (isAbortError(error, signal)) return signal?.reason ?? error;
  if (error instanceof TempContentsError || error instanceof TempContentsNetworkError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return new TempContentsNetworkError(`${what} failed: ${reason}${cause}`, { cause: error });
}
