import { describe, expect, it } from 'vitest';
import { bindPositional, trinoIdentifier, trinoLiteral } from './trino-literals.ts';

describe('Trino literals and positional binding', () => {
  it('writes strings with doubled quotes only, and refuses what cannot be a literal', () => {
    expect(trinoLiteral("it's")).toBe("'it''s'");
    expect(trinoLiteral('back\\slash')).toBe("'back\\slash'");
    expect(trinoLiteral(42)).toBe('42');
    expect(trinoLiteral(1.5)).toBe("CAST('1.5' AS DOUBLE)");
    expect(() => trinoLiteral(Number.NaN)).toThrow(RangeError);
    expect(() => trinoLiteral('a\u0000b')).toThrow(RangeError);
    expect(trinoIdentifier('we"ird')).toBe('"we""ird"');
  });

  it('rewrites $n in order of appearance, reusing values, and leaves strings, identifiers and comments alone', () => {
    const sql = `SELECT '$1' AS s, "$2" AS i, x FROM t /* $2 */ WHERE a = $2 AND b = $1 -- $1\n AND c = $2`;
    expect(bindPositional(sql, ['A', 'B'])).toBe(
      `EXECUTE IMMEDIATE 'SELECT ''$1'' AS s, "$2" AS i, x FROM t /* $2 */ WHERE a = ? AND b = ? -- $1\n AND c = ?' USING 'B', 'A', 'B'`,
    );
    expect(bindPositional('SELECT 1', [])).toBe('SELECT 1');
  });

  it('refuses a parameter without a value and a value without a parameter', () => {
    expect(() => bindPositional('SELECT $2', ['a'])).toThrow(/\$2 has no value/);
    expect(() => bindPositional('SELECT $1', ['a', 'b'])).toThrow(/\$2 is given but not used/);
    expect(() => bindPositional("SELECT 'open", ['a'])).toThrow(SyntaxError);
  });
});
