import { describe, expect, it } from 'vitest';
import { toPgArrayLiteral } from './pg-array-literal.ts';

describe('toPgArrayLiteral', () => {
  it('turns strings, booleans and nulls into an array literal, quoting every string', () => {
    expect(toPgArrayLiteral(['a', 'NULL', '', null, 'x,y', '{z}'])).toBe('{"a","NULL","",null,"x,y","{z}"}');
    expect(toPgArrayLiteral([true, false, null])).toBe('{true,false,null}');
    expect(toPgArrayLiteral([])).toBe('{}');
  });

  it('escapes quotes and backslashes the way PostgreSQL reads them', () => {
    expect(toPgArrayLiteral(['say "hi"', 'C:\\dir'])).toBe('{"say \\"hi\\"","C:\\\\dir"}');
  });

  it('keeps control characters literal (JSON would escape them as \\n, which PostgreSQL reads as "n")', () => {
    expect(toPgArrayLiteral(['line1\nline2\ttab', null])).toBe('{"line1\nline2\ttab",NULL}');
  });

  it('serialises other value types element by element', () => {
    expect(toPgArrayLiteral([12.5, new Date('2026-01-01T00:00:00Z'), undefined])).toBe('{"12.5","2026-01-01T00:00:00.000Z",NULL}');
  });
});
