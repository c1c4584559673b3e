import { describe, expect, it } from 'vitest';
import { CheckFailure } from '../../run/check-failure.js';
import type { TargetResponse } from '../../target/target-http.js';
import { verifyRangeAnswer } from './range-answer.js';
import { expectedRangeAnswer } from './range-model.js';

const CONTENT = new Uint8Array([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);

function response(
  status: number,
  headers: Record<string, string>,
  body: Uint8Array | string = new Uint8Array(),
): TargetResponse {
  const bytes = typeof body === 'string' ? new Uint8Array(Buffer.from(body, 'latin1')) : body;
  return {
    operation: 'TempContentsGet',
    method: 'GET',
    url: 'http://127.0.0.1/api/v1/temp-contents/x',
    status,
    headers: new Headers({ 'Content-Length': String(bytes.length), ...headers }),
    body: bytes,
    text: () => Buffer.from(bytes).toString('latin1'),
    json: () => undefined,
  };
}

function multipart(parts: [number, number][], boundary = 'B0UND'): string {
  const latin = (from: number, to: number) =>
    Buffer.from(CONTENT.subarray(from, to + 1)).toString('latin1');
  return `${parts.map(([from, to]) => `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${from}-${to}/10\r\n\r\n${latin(from, to)}\r\n`).join('')}--${boundary}--\r\n`;
}

describe('verifyRangeAnswer: every answer the RFC allows passes and is named', () => {
  it.each([
    ['multi-range ignored', 'bytes=0-1,5-6', response(200, {}, CONTENT), 'ignored Range (200)'],
    [
      'multi-range as multipart',
      'bytes=0-1,5-6',
      response(
        206,
        { 'Content-Type': 'multipart/byteranges; boundary=B0UND' },
        multipart([
          [0, 1],
          [5, 6],
        ]),
      ),
      'multipart/byteranges (206)',
    ],
    [
      'overlapping ranges coalesced',
      'bytes=0-3,2-5',
      response(206, { 'Content-Range': 'bytes 0-5/10' }, CONTENT.subarray(0, 6)),
      'coalesced into one range (206)',
    ],
    ['malformed ignored', 'bytes=5-2', response(200, {}, CONTENT), 'ignored Range (200)'],
    [
      'malformed rejected',
      'bytes=5-2',
      response(416, { 'Content-Range': 'bytes */10' }),
      'rejected (416)',
    ],
  ])('%s', (_name, range, answer, choice) => {
    expect(verifyRangeAnswer(answer, expectedRangeAnswer(range, 10), CONTENT, 'test')).toBe(choice);
  });
});

describe('verifyRangeAnswer: wrong answers fail with the broken behaviour named', () => {
  it.each([
    [
      'ignored single range',
      'bytes=2-4',
      response(200, {}, CONTENT),
      /expected status 206, got 200/,
    ],
    [
      'off-by-one Content-Range',
      'bytes=2-4',
      response(206, { 'Content-Range': 'bytes 2-5/10' }, CONTENT.subarray(2, 5)),
      /Content-Range is "bytes 2-5\/10", expected "bytes 2-4\/10"/,
    ],
    [
      'wrong bytes',
      'bytes=2-4',
      response(206, { 'Content-Range': 'bytes 2-4/10' }, new Uint8Array([12, 13, 99])),
      /differs .* at byte 2/,
    ],
    [
      '416 without Content-Range',
      'bytes=20-',
      response(416, {}),
      /416 Content-Range is "\(missing\)"/,
    ],
    [
      'multipart with an unrequested part',
      'bytes=0-1,5-6',
      response(
        206,
        { 'Content-Type': 'multipart/byteranges; boundary=B0UND' },
        multipart([
          [0, 1],
          [7, 8],
        ]),
      ),
      /part bytes 7-8\/10 was not requested/,
    ],
    [
      'unknown unit served',
      'items=0-1',
      response(206, { 'Content-Range': 'bytes 0-1/10' }, CONTENT.subarray(0, 2)),
      /expected status 200, got 206/,
    ],
  ])('%s', (_name, range, answer, message) => {
    expect(() =>
      verifyRangeAnswer(answer, expectedRangeAnswer(range, 10), CONTENT, 'test'),
    ).toThrow(CheckFailure);
    expect(() =>
      verifyRangeAnswer(answer, expectedRangeAnswer(range, 10), CONTENT, 'test'),
    ).toThrow(message);
  });
});
