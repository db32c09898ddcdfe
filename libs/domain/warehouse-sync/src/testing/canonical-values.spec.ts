import { describe, expect, it } from 'vitest';
import { canonicalTimestamp } from './canonical-values.ts';

describe('canonicalTimestamp', () => {
  it('normalises offsets and precision to UTC microseconds', () => {
    expect(canonicalTimestamp('2026-10-03T08:15:00Z')).toBe('2026-10-03T08:15:00.000000Z');
    expect(canonicalTimestamp('2026-10-03T08:15:00.123456789Z')).toBe('2026-10-03T08:15:00.123456Z');
    expect(canonicalTimestamp('2026-01-01T00:30:00.5+02:00')).toBe('2025-12-31T22:30:00.500000Z');
    expect(canonicalTimestamp('2026-01-01T00:30:00.000001-0130')).toBe('2026-01-01T02:00:00.000001Z');
  });
  it('rejects timestamps without an offset', () => {
    expect(() => canonicalTimestamp('2026-10-03 08:15:00')).toThrow(RangeError);
  });
});
