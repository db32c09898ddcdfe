import { describe, expect, it } from 'vitest';
import { groupDigits } from './group-digits.ts';

describe('groupDigits', () => {
  it('prints integer counts the way toLocaleString("en") does', () => {
    const counts = [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 25_000_000, 1_234_567_890, -1, -1000, -987_654_321, Number.MAX_SAFE_INTEGER];
    for (const count of counts) expect(groupDigits(count), String(count)).toBe(count.toLocaleString('en'));
  });

  it('leaves what is not a safe integer as String() prints it', () => {
    expect(groupDigits(Number.NaN)).toBe('NaN');
    expect(groupDigits(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(groupDigits(1.5)).toBe('1.5');
  });
});
