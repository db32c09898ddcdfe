import { describe, expect, it } from 'vitest';
import { wrapText } from './wrap-text.ts';

// One unit per character: easy to reason about.
const measure = (s: string) => s.length;

describe('wrapText', () => {
  it('wraps at spaces within the width and rejoins to the original', () => {
    const text = 'the quick brown fox jumps over the lazy dog';
    const lines = wrapText(text, 10, measure);
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
    expect(lines.join(' ')).toBe(text);
  });

  it('cuts words longer than the width and keeps an empty text as one line', () => {
    expect(wrapText('abcdefghij klm', 4, measure)).toEqual(['abcd', 'efgh', 'ij', 'klm']);
    expect(wrapText('', 4, measure)).toEqual(['']);
  });
});
