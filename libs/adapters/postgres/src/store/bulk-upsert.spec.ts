import { describe, expect, it } from 'vitest';
import { chunks, hasRepeatedKeys, planStatements } from './bulk-upsert.ts';

interface Row {
  id: string;
  v: number;
}

const row = (id: string, v = 0): Row => ({ id, v });

describe('planStatements', () => {
  it('sorts by key and cuts into chunks of at most chunkSize rows', () => {
    const rows = ['d', 'a', 'e', 'c', 'b'].map((id) => row(id));
    const statements = planStatements(rows, 'id', 2);
    expect(statements.map((s) => s.map((r) => r.id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('puts the n-th occurrence of a key into round n, so each statement has unique keys and order is kept', () => {
    const rows = [row('b', 1), row('a', 1), row('b', 2), row('c', 1), row('b', 3), row('a', 2)];
    const statements = planStatements(rows, 'id', 10);
    expect(statements).toEqual([
      [row('a', 1), row('b', 1), row('c', 1)],
      [row('a', 2), row('b', 2)],
      [row('b', 3)],
    ]);
    for (const s of statements) expect(new Set(s.map((r) => r.id)).size).toBe(s.length);
  });

  it('loses no row', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(`k${i % 300}`, i));
    const planned = planStatements(rows, 'id', 64).flat();
    expect(planned).toHaveLength(1000);
    expect(new Set(planned)).toEqual(new Set(rows));
  });
});

describe('hasRepeatedKeys and chunks (the COPY path: arrival order, unique keys)', () => {
  it('tells whether some key repeats', () => {
    expect(hasRepeatedKeys([row('a'), row('b'), row('c')], 'id')).toBe(false);
    expect(hasRepeatedKeys([row('a'), row('b'), row('a', 2)], 'id')).toBe(true);
    expect(hasRepeatedKeys([], 'id')).toBe(false);
  });

  it('cuts rows into chunks in the order given', () => {
    const rows = ['d', 'a', 'e', 'c', 'b'].map((id) => row(id));
    expect(chunks(rows, 2).map((c) => c.map((r) => r.id))).toEqual([['d', 'a'], ['e', 'c'], ['b']]);
    expect(chunks(rows, 10)).toEqual([rows]);
  });
});
