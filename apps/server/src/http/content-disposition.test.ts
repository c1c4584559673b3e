import { describe, expect, it } from 'vitest';
import { asciiFallback, contentDisposition, encodeRfc8187 } from './content-disposition.js';

/** Decodes RFC 8187 ext-value bytes back to a string, independently of the encoder. */
function decodeRfc8187(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '%') {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(value.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('contentDisposition', () => {
  it.each([
    ['plain ASCII', 'report.csv', 'report.csv', 'report.csv'],
    ['spaces', 'my report.csv', 'my report.csv', 'my%20report.csv'],
    ['double quote', 'say "hi".txt', 'say _hi_.txt', 'say%20%22hi%22.txt'],
    ['backslash-free but apostrophe', "it's.txt", "it's.txt", 'it%27s.txt'],
    ['percent', '100%.txt', '100_.txt', '100%25.txt'],
    ['accents folded in the fallback', 'résumé.pdf', 'resume.pdf', 'r%C3%A9sum%C3%A9.pdf'],
    ['emoji', 'party 🎉.png', 'party _.png', 'party%20%F0%9F%8E%89.png'],
    ['CJK', '報告.txt', '__.txt', '%E5%A0%B1%E5%91%8A.txt'],
    ['RTL', 'ملف.txt', '___.txt', '%D9%85%D9%84%D9%81.txt'],
    ['RFC 5987 specials', "a*b'(c).txt", "a*b'(c).txt", 'a%2Ab%27%28c%29.txt'],
    ['attr-chars kept', '!#$&+-.^_`|~', '!#$&+-.^_`|~', '!#$&+-.^_`|~'],
    ['semicolon and comma', 'a;b,c.txt', 'a;b,c.txt', 'a%3Bb%2Cc.txt'],
  ])('%s', (_name, name, fallback, encoded) => {
    // A name that is its own ASCII fallback needs no filename*; any other gets the exact name
    // first and the fallback last (clients that take the last parameter get a usable name).
    expect(contentDisposition(name, false)).toBe(
      fallback === name
        ? `attachment; filename="${name}"`
        : `attachment; filename*=UTF-8''${encoded}; filename="${fallback}"`,
    );
    expect(decodeRfc8187(encoded)).toBe(name);
  });

  it('uses inline when asked', () => {
    expect(contentDisposition('a.pdf', true)).toBe(`inline; filename="a.pdf"`);
    expect(contentDisposition('é.pdf', true)).toBe(
      `inline; filename*=UTF-8''%C3%A9.pdf; filename="e.pdf"`,
    );
  });

  it.each([
    ['hello.txt', 'hello.txt'],
    ['résumé.txt', 'resume.txt'],
  ])('the last filename parameter of %j is a usable name (%j)', (name, want) => {
    const params = [...contentDisposition(name, false).matchAll(/filename\*?="?([^";]*)"?/g)];
    expect(params.at(-1)?.[1]).toBe(want);
  });

  it.each([
    [false, 'attachment'],
    [true, 'inline'],
  ])('omits filename parameters for an unnamed content (inline=%s)', (inline, want) => {
    expect(contentDisposition('', inline)).toBe(want);
  });

  it('keeps the fallback inside a quoted-string whatever the input', () => {
    for (const name of ['"', '\\', '"\\"', 'a\u00a0b', '\u202eevil.exe', 'x'.repeat(255)]) {
      const fallback = asciiFallback(name);
      expect(fallback).toMatch(/^[\x20-\x7e]*$/);
      expect(fallback).not.toMatch(/["\\%]/);
      expect(decodeRfc8187(encodeRfc8187(name))).toBe(name);
    }
  });
});
