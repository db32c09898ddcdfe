import { describe, expect, it } from 'vitest';
import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { arrayRow, readBinds, typedValue } from './bindings.ts';

describe('readBinds', () => {
  it('reads single binds with the JavaScript type the driver started from', () => {
    const binds = readBinds(
      {
        '1': { type: 'TEXT', value: 'tx-1' },
        '2': { type: 'FIXED', value: '9007199254740993' },
        '3': { type: 'REAL', value: '0.25' },
        '4': { type: 'BOOLEAN', value: 'true' },
        '5': { type: 'TEXT', value: null },
      },
      5,
    );
    expect(binds).toEqual({ kind: 'single', values: ['tx-1', 9007199254740993n, 0.25, true, null] });
  });

  it('reads array binds column by column', () => {
    const binds = readBinds(
      {
        '1': { type: 'TEXT', value: ['a', 'b'] },
        '2': { type: 'FIXED', value: ['1', '2.5'] },
      },
      2,
    );
    expect(binds).toMatchObject({ kind: 'array', rowCount: 2, columns: [['a', 'b'], ['1', '2.5']] });
    if (binds.kind !== 'array') throw new Error('expected an array bind');
    // Later rows may not match the type the driver guessed from row one: keep them as text.
    expect(arrayRow(binds, 1)).toEqual(['b', '2.5']);
  });

  it('rejects a statement whose parameters are not all bound', () => {
    expect(() => readBinds({ '1': { type: 'TEXT', value: 'a' } }, 2)).toThrow(SnowflakeError);
    expect(() => readBinds(undefined, 1)).toThrow(/Bind variable :1 not set/);
  });

  it('rejects array binds of different lengths and a mix of array and single binds', () => {
    expect(() => readBinds({ '1': { type: 'TEXT', value: ['a'] }, '2': { type: 'TEXT', value: ['b', 'c'] } }, 2)).toThrow(/same length/);
    expect(() => readBinds({ '1': { type: 'TEXT', value: ['a'] }, '2': { type: 'TEXT', value: 'b' } }, 2)).toThrow(/cannot be mixed/);
  });

  it('keeps unparseable typed values as text so DuckDB reports the conversion error', () => {
    expect(typedValue('REAL', 'abc')).toBe('abc');
    expect(typedValue('BOOLEAN', 'maybe')).toBe('maybe');
    expect(typedValue('FIXED', '-12')).toBe(-12n);
  });
});
