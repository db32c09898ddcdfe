import { describe, expect, it } from 'vitest';
import { correctTypos, editDistance } from './spelling.ts';
import { writtenDaysToIso } from './written-days.ts';

describe('correctTypos', () => {
  it.each([
    ['how much did C-1 spnd on grocereis in march 2026', 'how much did C-1 spend on groceries in march 2026'],
    ['total spending of C-2 in apirl 2026', 'total spending of C-2 in april 2026'],
    ['how much incme did C-3 get', 'how much income did C-3 get'],
    ['spend on hosuing in april 2026', 'spend on housing in april 2026'],
  ])('%s', (question, corrected) => {
    const { text, corrections } = correctTypos(question);
    expect(text).toBe(corrected);
    expect(corrections.length).toBeGreaterThan(0);
  });

  it.each(['How much did C-7 spend at lidl in March 2026?', 'which stores got the most', 'later this year', 'how much did C-1 spend at costa', 'the "Cafe Breton" spend', 'changes in charges'])(
    'leaves real words, merchants after "at" and quoted names alone: %s',
    (question) => {
      expect(correctTypos(question)).toEqual({ text: question, corrections: [] });
    },
  );

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('apirl', 'april')).toBe(1);
    expect(editDistance('spnd', 'spend')).toBe(1);
    expect(editDistance('later', 'water')).toBe(1);
  });
});

describe('writtenDaysToIso', () => {
  it.each([
    ['from 1 March 2026 to 15 April 2026', 'from 2026-03-01 to 2026-04-15'],
    ['March 5 2026 to March 25, 2026', '2026-03-05 to 2026-03-25'],
    ['on the 5th of march 2026', 'on 2026-03-05'],
  ])('%s', (text, iso) => {
    const out = writtenDaysToIso(text);
    expect(out.replace(/\s+/g, ' ').trim()).toBe(iso);
    expect(out).toHaveLength(text.length);
  });

  it('leaves a month without a day, and a day that does not exist, as written', () => {
    expect(writtenDaysToIso('in March 2026')).toBe('in March 2026');
    expect(writtenDaysToIso('on 31 April 2026')).toBe('on 31 April 2026');
  });
});
