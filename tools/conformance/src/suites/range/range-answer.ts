import { HEADERS } from '@temp-contents/contract';
import {
  describeExchange,
  expectBytes,
  expectNoHeader,
  expectStatus,
  requireIntegerHeader,
} from '../../expectations/http-expectations.js';
import { fail } from '../../run/check-failure.js';
import type { TargetResponse } from '../../target/target-http.js';
import {
  type ByteInterval,
  contentRangeOf,
  type Expected,
  parseContentRange,
  unsatisfiedContentRange,
} from './range-model.js';

/** Verifies a GET or HEAD answer against the model; returns the RFC choice it made, if any. */
export function verifyRangeAnswer(
  response: TargetResponse,
  expected: Expected,
  content: Uint8Array,
  label: string,
): string | undefined {
  const size = content.length;
  const head = response.method === 'HEAD';
  switch (expected.kind) {
    case 'partial':
      expectStatus(response, 206, `${label}: single satisfiable range (spec TempContentsGet 206)`);
      verifyPartial(response, expected.interval, content, label);
      return undefined;
    case 'unsatisfiable':
      verifyUnsatisfiable(response, size, label);
      return undefined;
    case 'full':
      expectStatus(response, 200, `${label}: ${expected.why}`);
      verifyFull(response, content, label);
      return undefined;
    case 'choice': {
      const allowed = [
        200,
        ...(expected.rejectAllowed ? [416] : []),
        ...(expected.multipart ? [206] : []),
      ];
      expectStatus(response, allowed, `${label}: ${expected.why}`);
      if (response.status === 200) {
        verifyFull(response, content, label);
        return 'ignored Range (200)';
      }
      if (response.status === 416) {
        verifyUnsatisfiable(response, size, label);
        return 'rejected (416)';
      }
      const intervals = expected.multipart ?? [];
      const contentType = response.headers.get(HEADERS.contentType) ?? '';
      if (/^multipart\/byteranges/i.test(contentType)) {
        if (!head) verifyMultipart(response, contentType, intervals, content, label);
        return 'multipart/byteranges (206)';
      }
      // One part: the server coalesced the ranges (§14.6 allows it); it must cover only
      // requested bytes.
      const parsed = parseContentRange(response.headers.get(HEADERS.contentRange));
      if (!parsed)
        fail(`${label}: 206 without a valid Content-Range on ${describeExchange(response)}`);
      if (!covered(parsed.interval, intervals)) {
        fail(
          `${label}: Content-Range ${contentRangeOf(parsed.interval, size)} covers bytes that were not requested`,
        );
      }
      verifyPartial(response, parsed.interval, content, label);
      return 'coalesced into one range (206)';
    }
  }
}

function verifyPartial(
  response: TargetResponse,
  interval: ByteInterval,
  content: Uint8Array,
  label: string,
): void {
  const want = contentRangeOf(interval, content.length);
  const got = response.headers.get(HEADERS.contentRange);
  if (got !== want) {
    fail(
      `${label}: Content-Range is "${got ?? '(missing)'}", expected "${want}" (RFC 9110 §14.4) on ${describeExchange(response)}`,
    );
  }
  const length = interval.end - interval.start + 1;
  const declared = requireIntegerHeader(response, HEADERS.contentLength, label);
  if (declared !== length) {
    fail(`${label}: Content-Length is ${declared}, expected ${length} for ${want} (RFC 9110 §8.6)`);
  }
  if (response.method === 'HEAD') {
    if (response.body.length > 0) fail(`${label}: HEAD answer has a body`);
    return;
  }
  expectBytes(
    response.body,
    content.subarray(interval.start, interval.end + 1),
    `${label} (${want})`,
  );
}

function verifyFull(response: TargetResponse, content: Uint8Array, label: string): void {
  expectNoHeader(response, HEADERS.contentRange, `${label}: a 200 carries no Content-Range`);
  const declared = requireIntegerHeader(response, HEADERS.contentLength, label);
  if (declared !== content.length) {
    fail(`${label}: Content-Length is ${declared}, expected ${content.length} (RFC 9110 §8.6)`);
  }
  if (response.method === 'HEAD') {
    if (response.body.length > 0) fail(`${label}: HEAD answer has a body`);
    return;
  }
  expectBytes(response.body, content, `${label} (full content)`);
}

function verifyUnsatisfiable(response: TargetResponse, size: number, label: string): void {
  expectStatus(response, 416, `${label}: unsatisfiable range (RFC 9110 §15.5.17)`);
  const want = unsatisfiedContentRange(size);
  const got = response.headers.get(HEADERS.contentRange);
  if (got !== want) {
    fail(
      `${label}: 416 Content-Range is "${got ?? '(missing)'}", expected "${want}" (RFC 9110 §15.5.17)`,
    );
  }
}

function covered(interval: ByteInterval, requested: readonly ByteInterval[]): boolean {
  for (let position = interval.start; position <= interval.end; ) {
    const holder = requested.find((r) => r.start <= position && position <= r.end);
    if (!holder) return false;
    position = holder.end + 1;
  }
  return true;
}

/** Minimal multipart/byteranges reader (RFC 9110 §14.6): every part must be requested bytes. */
function verifyMultipart(
  response: TargetResponse,
  contentType: string,
  requested: readonly ByteInterval[],
  content: Uint8Array,
  label: string,
): void {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) fail(`${label}: multipart/byteranges without a boundary`);
  const text = Buffer.from(response.body).toString('latin1');
  const parts = text.split(`--${boundary}`).slice(1, -1);
  if (parts.length === 0) fail(`${label}: multipart/byteranges with no parts`);
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split);
    const body = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
    const range = /content-range:\s*(.*)/i.exec(head)?.[1]?.trim() ?? null;
    const parsed = parseContentRange(range);
    if (!parsed || parsed.size !== content.length)
      fail(`${label}: part with bad Content-Range "${range}"`);
    if (!covered(parsed.interval, requested)) fail(`${label}: part ${range} was not requested`);
    expectBytes(
      new Uint8Array(body),
      content.subarray(parsed.interval.start, parsed.interval.end + 1),
      `${label} part ${range}`,
    );
  }
}
