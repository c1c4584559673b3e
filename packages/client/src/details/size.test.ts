import { describe, expect, it } from 'vitest';
import { sizeAsBigInt, sizeAsNumber } from './size.js';

describe('Size helpers', () => {
  it.each([
    ['0', 0, 0n],
    ['1234', 1234, 1234n],
    ['9007199254740991', Number.MAX_SAFE_INTEGER, 9007199254740991n],
  ])('%s -> %d / %s', (Size, number, bigint) => {
    expect(sizeAsNumber({ Size })).toBe(number);
    expect(sizeAsBigInt({ Size })).toBe(bigint);
  });

  it('refuses a number that would lose precision, but the bigint is exact', () => {
    const Size = '18446744073709551615';
    expect(() => sizeAsNumber({ Size })).toThrow(RangeError);
    expect(sizeAsBigInt({ Size })).toBe(18446744073709551615n);
  });

  it.each(['', '-1', '01', '1.5', '1e3', ' 1'])('rejects %j', (Size) => {
    expect(() => sizeAsNumber({ Size })).toThrow(RangeError);
    expect(() => sizeAsBigInt({ Size })).toThrow(RangeError);
  });
});
