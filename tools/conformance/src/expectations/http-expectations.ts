import { fail } from '../run/check-failure.js';
import type { TargetResponse } from '../target/target-http.js';

/** `POST /files -> 201` style label used at the start of failure messages. */
export function describeExchange(response: TargetResponse): string {
  const path = new URL(response.url).pathname;
  return `${response.method} ${path} (${response.operation})`;
}

/** Fails unless the status is one of `allowed`; names what was expected. */
export function expectStatus(
  response: TargetResponse,
  allowed: number | readonly number[],
  what: string,
): number {
  const list = typeof allowed === 'number' ? [allowed] : allowed;
  if (!list.includes(response.status)) {
    const snippet = response.text().slice(0, 200).replace(/\s+/g, ' ');
    fail(
      `${what}: expected status ${list.join(' or ')}, got ${response.status} from ${describeExchange(response)}${snippet ? ` (body: ${snippet})` : ''}`,
    );
  }
  return response.status;
}

/** The header's value; fails naming the header when it is missing. */
export function requireHeader(response: TargetResponse, name: string, what: string): string {
  const value = response.headers.get(name);
  if (value === null) fail(`${what}: missing ${name} header on ${describeExchange(response)}`);
  return value;
}

export function expectHeaderEquals(
  response: TargetResponse,
  name: string,
  want: string,
  what: string,
): void {
  const value = requireHeader(response, name, what);
  if (value !== want) {
    fail(`${what}: ${name} is "${value}", expected "${want}" on ${describeExchange(response)}`);
  }
}

export function expectNoHeader(response: TargetResponse, name: string, what: string): void {
  const value = response.headers.get(name);
  if (value !== null) {
    fail(`${what}: unexpected ${name}: "${value}" on ${describeExchange(response)}`);
  }
}

/** A non-negative integer header (`Upload-Offset`, `Content-Length`...), as a number. */
export function requireIntegerHeader(response: TargetResponse, name: string, what: string): number {
  const value = requireHeader(response, name, what);
  if (!/^(0|[1-9][0-9]*)$/.test(value)) {
    fail(
      `${what}: ${name} "${value}" is not a non-negative integer on ${describeExchange(response)}`,
    );
  }
  return Number(value);
}

/** RFC 9110 §5.6.7 IMF-fixdate, the form a sender MUST generate. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$/;

export function requireHttpDateHeader(response: TargetResponse, name: string, what: string): Date {
  const value = requireHeader(response, name, what);
  if (!IMF_FIXDATE.test(value)) {
    fail(
      `${what}: ${name} "${value}" is not an RFC 9110 IMF-fixdate on ${describeExchange(response)}`,
    );
  }
  return new Date(value);
}

/** Byte-for-byte comparison with the first differing index in the message. */
export function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (actual.length !== expected.length) {
    fail(`${what}: body has ${actual.length} bytes, expected ${expected.length}`);
  }
  for (let index = 0; index < expected.length; index += 1) {
    if (actual[index] !== expected[index]) {
      fail(`${what}: body differs from the uploaded bytes at byte ${index}`);
    }
  }
}
