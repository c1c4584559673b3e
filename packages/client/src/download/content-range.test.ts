import { describe, expect, it } from 'vitest';
import {
  type ByteRange,
  formatRange,
  parseContentRange,
  parseRangeArgument,
} from './content-range.js';

describe('parseContentRange', () => {
  it.each([
    ['bytes 0-99/1000', { start: 0, end: 99, size: 1000 }],
    ['bytes 5-5/6', { start: 5, end: 5, size: 6 }],
    ['bytes 0-9/*', { start: 0, end: 9, size: undefined }],
    ['bytes */1000', { start: undefined, end: undefined, size: 1000 }],
    ['  bytes 1-2/3 ', { start: 1, end: 2, size: 3 }],
    ['bytes 9-0/10', undefined],
    ['bytes 0-10/10', undefined],
    ['items 0-1/2', undefined],
    ['bytes 0-1', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j -> %j', (value, want) => {
    expect(parseContentRange(value)).toEqual(want);
  });
});

describe('formatRange', () => {
  it.each<[ByteRange, string]>([
    [{ start: 0, end: 99 }, 'bytes=0-99'],
    [{ start: 100 }, 'bytes=100-'],
    [{ suffix: 5 }, 'bytes=-5'],
    ['bytes=1-2,4-5', 'bytes=1-2,4-5'],
  ])('%j -> %s', (range, want) => {
    expect(formatRange(range)).toBe(want);
  });
});

describe('parseRangeArgument (CLI --range)', () => {
  it.each([
    ['0-99', { start: 0, end: 99 }],
    ['bytes=10-', { start: 10 }],
    ['-500', { suffix: 500 }],
    ['5-4', undefined],
    ['-', undefined],
    ['a-b', undefined],
    ['1-2,3-4', undefined],
  ])('%s -> %j', (text, want) => {
    expect(parseRangeArgument(text)).toEqual(want);
  });
});
