import { describe, expect, it } from 'vitest';
import { isContentId, newContentId } from './content-id.js';

describe('newContentId', () => {
  it('gives well-formed ids that never repeat, across several refills of its pool', () => {
    const ids = Array.from({ length: 1000 }, () => newContentId());
    expect(ids.every(isContentId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every hex digit in every position (the bits are random, not a counter)', () => {
    const ids = Array.from({ length: 2000 }, () => newContentId());
    for (let position = 0; position < 32; position += 1) {
      const digits = new Set(ids.map((id) => id[position]));
      expect(digits.size).toBe(16);
    }
  });
});
