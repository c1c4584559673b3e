import { describe, expect, it } from 'vitest';
import { expectSameBytes, testBytes } from './live-server.js';

describe('expectSameBytes', () => {
  it('passes for identical bytes, whatever the view', () => {
    const bytes = testBytes(4096, 9);
    expect(() => expectSameBytes(Buffer.from(bytes), bytes.slice())).not.toThrow();
    expect(() => expectSameBytes(bytes.subarray(10, 20), bytes.slice(10, 20))).not.toThrow();
  });

  it.each([
    ['a changed byte', (b: Uint8Array) => b.with(1000, (b[1000] ?? 0) ^ 1), /offset 1000 /],
    [
      'a shorter copy',
      (b: Uint8Array) => b.slice(0, 4000),
      /offset 4000 \(got 4000 bytes, expected 4096/,
    ],
    ['an empty copy', () => new Uint8Array(0), /offset 0 \(got 0 bytes/],
  ])('names the first difference for %s', (_name, change, message) => {
    const bytes = testBytes(4096, 9);
    expect(() => expectSameBytes(change(bytes), bytes)).toThrow(message);
  });
});
