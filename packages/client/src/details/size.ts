/**
 * `DetailResponse.Size` is a decimal string because sizes are 64-bit and JSON numbers lose
 * precision above 2^53 in JavaScript. These helpers turn it into a number or a bigint.
 */
import type { DetailResponse } from '@temp-contents/contract';

const DECIMAL = /^(0|[1-9][0-9]*)$/;

function checkedSize(details: Pick<DetailResponse, 'Size'>): string {
  if (!DECIMAL.test(details.Size)) {
    throw new RangeError(`Size ${JSON.stringify(details.Size)} is not a decimal byte count`);
  }
  return details.Size;
}

/** `Size` as a number; throws a RangeError above `Number.MAX_SAFE_INTEGER` (use the bigint). */
export function sizeAsNumber(details: Pick<DetailResponse, 'Size'>): number {
  const size = Number(checkedSize(details));
  if (!Number.isSafeInteger(size)) {
    throw new RangeError(`Size ${details.Size} is above 2^53-1; use sizeAsBigInt`);
  }
  return size;
}

/** `Size` as a bigint, exact for every 64-bit size. */
export function sizeAsBigInt(details: Pick<DetailResponse, 'Size'>): bigint {
  return BigInt(checkedSize(details));
}
