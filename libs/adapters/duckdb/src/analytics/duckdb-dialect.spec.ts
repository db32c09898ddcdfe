import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { halfEvenSql } from '@ledgerline/analytics';
import { divideHalfEven } from '@ledgerline/transactions';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';

// The dialect's expressions checked in DuckDB itself against the TypeScript they stand in for.
describe('DuckDB dialect', () => {
  it('computes the UTC day of a timestamptz exactly, before and after 1970 and at midnight', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      await db.run("SET TimeZone = 'America/New_York'"); // the session zone must not matter
      for (const iso of ['2026-01-01T00:00:00Z', '2026-01-01T23:59:59.999999Z', '2025-12-31T23:59:59Z', '1969-12-31T23:00:00Z', '1960-06-15T12:00:00Z']) {
        const reader = await db.runAndReadAll(`SELECT CAST(${DUCKDB_DIALECT.utcDay(`CAST($1 AS TIMESTAMPTZ)`)} AS VARCHAR) AS d`, [iso]);
        expect(reader.getRowObjectsJS()[0]?.d).toBe(new Date(iso).toISOString().slice(0, 10));
      }
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });

  it('intDiv + halfEvenSql round like divideHalfEven, ties included', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      const cases: Array<[bigint, bigint]> = [[5n, 2n], [7n, 2n], [9n, 4n], [10n, 4n], [14n, 4n], [1n, 3n], [2n, 3n], [123456789n * 10393n, 10000n], [25n, 10n], [35n, 10n]];
      for (const [n, d] of cases) {
        const sql = `SELECT CAST(${halfEvenSql('n', 'd', DUCKDB_DIALECT.intDiv('n', 'd'))} AS VARCHAR) AS r FROM (SELECT CAST($1 AS HUGEINT) AS n, CAST($2 AS HUGEINT) AS d)`;
        const reader = await db.runAndReadAll(sql, [n.toString(), d.toString()]);
        expect(reader.getRowObjectsJS()[0]?.r).toBe(divideHalfEven(n, d).toString());
      }
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });
});
