import { describe, expect, it } from 'vitest';
import { planStatements } from './bulk-upsert.ts';

interface Row {
  id: string;
  v: number;
}

const row = (id: string, v = 0): Row => ({ id, v });

describe('planStatements', () => {
  it('sorts by key and cuts into chunks of at most chunkSize rows', () => {
    const rows = ['d', 'a', 'e', 'c', 'b'].map((id) => row(id));
    const { statements, repeatedKeys } = planStatements(rows, 'id', 2);
    expect(statements.map((s) => s.map((r) => r.id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(repeatedKeys).toBe(false);
  });

  it('puts the n-th occurrence of a key into round n, so each statement has unique keys and order is kept', () => {
    const rows = [row('b', 1), row('a', 1), row('b', 2), row('c', 1), row('b', 3), row('a', 2)];
    const { statements, repeatedKeys } = planStatements(rows, 'id', 10);
    expect(statements).toEqual([
      [row('a', 1), row('b', 1), row('c', 1)],
      [row('a', 2), row('b', 2)],
      [row('b', 3)],
    ]);
    for (const s of statements) expect(new Set(s.map((r) => r.id)).size).toBe(s.length);
    expect(repeatedKeys).toBe(true);
  });

  it('loses no row', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(`k${i % 300}`, i));
    const planned = planStatements(rows, 'id', 64).statements.flat();
    expect(planned).toHaveLength(1000);
    expect(new Set(planned)).toEqual(new Set(rows));
  });
});
