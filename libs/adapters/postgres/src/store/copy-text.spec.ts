import { describe, expect, it } from 'vitest';
import { copyTextField, copyTextRows } from './copy-text.ts';

describe('COPY text format', () => {
  it('escapes exactly backslash, tab, newline and carriage return', () => {
    expect(copyTextField('plain, "quoted" & ünïcode')).toBe('plain, "quoted" & ünïcode');
    expect(copyTextField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });

  it('writes NULL as \\N and a literal backslash-N so that it stays text', () => {
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField(undefined)).toBe('\\N');
    expect(copyTextField('\\N')).toBe('\\\\N');
  });

  it('writes booleans, numbers and dates as the unnest path does', () => {
    expect(copyTextField(true)).toBe('true');
    expect(copyTextField(12.5)).toBe('12.5');
    expect(copyTextField(new Date('2025-06-01T10:00:00.250Z'))).toBe('2025-06-01T10:00:00.250Z');
  });

  it('lays out rows as tab-separated lines, with trailing constant fields', () => {
    const rows = [
      { id: 'a', note: null },
      { id: 'b', note: 'x\ty' },
    ];
    expect(copyTextRows(rows, ['id', 'note'])).toBe('a\t\\N\nb\tx\\ty\n');
    expect(copyTextRows(rows, ['id'], ['2025-01-01T00:00:00.000Z'])).toBe('a\t2025-01-01T00:00:00.000Z\nb\t2025-01-01T00:00:00.000Z\n');
  });
});
