/**
 * An API failure as the page shows it: the error envelope's title and detail and the traceId
 * to quote when reporting it (docs/server.md, "Errors"). Bodies that are not the envelope (a
 * proxy's HTML page, a network failure) still give a readable report.
 */
import type { ErrorEnvelope } from '@temp-contents/contract';

export interface ErrorReport {
  /** HTTP status, or undefined when no response arrived. */
  status: number | undefined;
  code: string | undefined;
  title: string;
  detail: string | undefined;
  traceId: string | undefined;
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const errors = (value as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    typeof (errors[0] as { title?: unknown }).title === 'string'
  );
}

/** The report for a response with `status` and `body` (its text); `status` 0 is no response. */
export function reportFromResponse(status: number, body: string | undefined): ErrorReport {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  if (isEnvelope(parsed)) {
    const [first] = parsed.errors;
    return {
      status,
      code: first?.code,
      title: first?.title ?? `HTTP ${status}`,
      detail: first?.detail,
      traceId: parsed.traceId,
    };
  }
  if (status === 0) {
    return {
      status: undefined,
      code: undefined,
      title: 'No response from the server',
      detail: 'The request did not reach the server, or its answer was blocked.',
      traceId: undefined,
    };
  }
  return {
    status,
    code: undefined,
    title: `HTTP ${status}`,
    detail: body?.trim().slice(0, 300) || undefined,
    traceId: undefined,
  };
}

/** A failure that happened in the page itself (no token, a rejected file). */
export function localReport(title: string, detail?: string): ErrorReport {
  return { status: undefined, code: undefined, title, detail, traceId: undefined };
}
