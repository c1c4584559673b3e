import { ERROR_REGISTRY, type ErrorCode } from '@temp-contents/contract';
import type { Exchange } from '../target/target-http.js';

/**
 * The spec's error envelope (`Errors`): `{errors: [{code, title, detail?, meta?}, ...], traceId}`
 * with `Content-Type: application/json`, on every error response that has a body.
 * Returns the list of problems, empty when the response conforms.
 */
export function errorEnvelopeProblems(exchange: Exchange): string[] {
  if (exchange.method === 'HEAD') return [];
  const problems: string[] = [];
  const contentType = exchange.headers.get('content-type') ?? '';
  if (
    !/^application\/json\b/i.test(contentType) &&
    !/^application\/[a-z.+-]+\+json\b/i.test(contentType)
  ) {
    problems.push(`Content-Type is "${contentType || '(none)'}", expected application/json`);
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(exchange.body));
  } catch {
    problems.push(
      `body is not JSON: "${new TextDecoder().decode(exchange.body).slice(0, 80).replace(/\s+/g, ' ')}"`,
    );
    return problems;
  }
  if (typeof body !== 'object' || body === null) {
    problems.push('body is not a JSON object');
    return problems;
  }
  const envelope = body as { errors?: unknown; traceId?: unknown };
  if (typeof envelope.traceId !== 'string' || envelope.traceId.length === 0) {
    problems.push('traceId is missing or not a non-empty string');
  }
  if (!Array.isArray(envelope.errors) || envelope.errors.length === 0) {
    problems.push('errors is missing or not a non-empty array');
    return problems;
  }
  envelope.errors.forEach((item: unknown, index) => {
    const error = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    if (typeof error.code !== 'string' || error.code.length === 0) {
      problems.push(`errors[${index}].code is missing or not a non-empty string`);
    } else if (error.code in ERROR_REGISTRY) {
      // Codes of this server's registry must come with their registered status; codes from
      // other deployments are free strings (spec: Error.code).
      const registered = ERROR_REGISTRY[error.code as ErrorCode].status;
      if (registered !== exchange.status) {
        problems.push(
          `errors[${index}].code ${error.code} is registered for status ${registered}, sent with ${exchange.status}`,
        );
      }
    }
    if (typeof error.title !== 'string' || error.title.length === 0) {
      problems.push(`errors[${index}].title is missing or not a non-empty string`);
    }
    if (error.detail !== undefined && typeof error.detail !== 'string') {
      problems.push(`errors[${index}].detail is not a string`);
    }
  });
  return problems;
}
