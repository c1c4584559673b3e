import { ERROR_REGISTRY, type ErrorCode } from '@temp-contents/contract';

/**
 * The only error type route code throws for client-visible failures. The error handler turns
 * it into `{errors:[{code,title,detail}], traceId}` with the status from the registry.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  /** Extra response headers, e.g. `Content-Range` on 416 or `Retry-After` on 423/429. */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, headers: Record<string, string> = {}) {
    const entry = ERROR_REGISTRY[code];
    super(detail ?? entry.title);
    this.name = 'ApiError';
    this.code = code;
    this.status = entry.status;
    this.title = entry.title;
    this.detail = detail;
    this.headers = headers;
  }
}
