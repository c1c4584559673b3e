import { describe, expect, it } from 'vitest';
import { parseContentDispositionFilename } from './content-disposition.js';

describe('parseContentDispositionFilename', () => {
  it.each([
    ['attachment', undefined],
    ['attachment; filename="report.csv"', 'report.csv'],
    ['inline; filename=plain.txt', 'plain.txt'],
    [`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`, 'résumé.pdf'],
    [`attachment; filename*=utf-8''%E2%82%AC%20rates.txt`, '€ rates.txt'],
    ['attachment; filename="quoted \\"name\\".txt"', 'quoted "name".txt'],
    // A broken extended value falls back to the ASCII one.
    [`attachment; filename="fallback.txt"; filename*=UTF-8''%E2%82`, 'fallback.txt'],
    [null, undefined],
  ])('%j -> %j', (header, want) => {
    expect(parseContentDispositionFilename(header)).toBe(want);
  });
});
