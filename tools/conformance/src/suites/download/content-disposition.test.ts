import { describe, expect, it } from 'vitest';
import { parseContentDisposition } from './content-disposition.js';

describe('parseContentDisposition', () => {
  it.each([
    ['attachment', { type: 'attachment', filename: undefined, filenameStar: undefined }],
    ['inline; filename="a.txt"', { type: 'inline', filename: 'a.txt', filenameStar: undefined }],
    [
      `attachment; filename="say \\"hi\\".txt"; filename*=UTF-8''say%20%22hi%22.txt`,
      { type: 'attachment', filename: 'say "hi".txt', filenameStar: 'say "hi".txt' },
    ],
    [
      `attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
      { type: 'attachment', filename: 'r_sum_.pdf', filenameStar: 'résumé.pdf' },
    ],
    [
      'Attachment; filename=plain.txt',
      { type: 'attachment', filename: 'plain.txt', filenameStar: undefined },
    ],
  ])('%s', (value, want) => {
    expect(parseContentDisposition(value)).toEqual(want);
  });

  it.each([
    ['attachment; filename="say "hi".txt"', /garbage/],
    ['attachment; filename="open', /unterminated/],
    [`attachment; filename*=UTF-8''caf\u00e9`, /not an RFC 8187/],
    [`attachment; filename*=UTF-8''%FF%FE`, /not valid UTF-8/],
    ['attachment; filename="a"; filename="b"', /twice/],
    ['; filename=a', /no disposition type/],
  ])('%s is rejected', (value, message) => {
    const parsed = parseContentDisposition(value);
    expect(typeof parsed).toBe('string');
    expect(parsed).toMatch(message);
  });
});
