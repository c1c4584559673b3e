import { describe, expect, it } from 'vitest';
import { checkFilename, checkTtl } from './upload-params.js';

describe('checkTtl', () => {
  it.each([
    [undefined, 3600],
    ['1', 1],
    ['3600', 3600],
    ['259200', 259200],
    ['0600', 600],
  ])('accepts %j -> %i', (raw, want) => {
    expect(checkTtl(raw)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['0'],
    ['259201'],
    ['-1'],
    ['+5'],
    ['1e3'],
    ['5.0'],
    [''],
    [' 5'],
    ['abc'],
    ['99999999'],
    [['1', '2']],
    [5],
  ])('rejects %j', (raw) => {
    const result = checkTtl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('1 to 259200');
  });
});

describe('checkFilename', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['report.csv', 'report.csv'],
    ['résumé 📄.pdf', 'résumé 📄.pdf'],
    ['..', '..'],
    ['a'.repeat(255), 'a'.repeat(255)],
    ['é'.repeat(127), 'é'.repeat(127)],
  ])('accepts %j', (raw, want) => {
    expect(checkFilename(raw)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['256 bytes', 'a'.repeat(256)],
    ['128 two-byte characters (256 bytes)', 'é'.repeat(128)],
    ['slash', 'a/b'],
    ['backslash', 'a\\b'],
    ['NUL', 'a\u0000b'],
    ['newline', 'a\nb'],
    ['unit separator', 'a\u001fb'],
    ['DEL', 'a\u007fb'],
    ['lone high surrogate', 'a\ud800b'],
    ['lone low surrogate', 'a\udc00'],
    ['given twice', ['a', 'b']],
  ])('rejects %s', (_name, raw) => {
    expect(checkFilename(raw).ok).toBe(false);
  });
});
