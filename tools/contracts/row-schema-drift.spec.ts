import { TRANSACTION_COLUMNS } from '@ledgerline/analytics';
import { beforeAll, describe, expect, it } from 'vitest';
import { RAW_TABLES } from '../dbt/raw-tables.ts';
import { columnDrift, kindOfSqlType, type ColumnFact } from './column-drift.ts';
import {
  ROW_TABLES,
  dbtSourceColumns,
  domainColumns,
  duckDbWarehouseColumns,
  entityColumns,
  expectedPostgresColumns,
  expectedRawColumns,
  migratedPostgresColumns,
  readStagingSql,
  snowflakeDdlColumns,
  stagingMentions,
  syncTableColumns,
  type RowTable,
} from './row-surfaces.ts';

/**
 * The row-schema drift spec (architecture §3): the zod schemas in @ledgerline/transactions are
 * the one source of the customer, account and transaction rows. What can be derived from them is
 * (rowColumnsOf: the sync tables and so the DuckDB and Snowflake DDL, the upsert columns, the row
 * mapper, the analytics source's columns); every list still written by hand is compared here, and
 * each comparison is shown to fail on a copy with a column added, one dropped and one retyped.
 */

/** The same check on three broken copies of `actual`: each must be reported, by column name. */
function expectDriftCaught(surface: string, expected: readonly ColumnFact[], actual: readonly ColumnFact[]): void {
  const added = [...actual, { name: 'loyalty_points', kind: 'other' as const }];
  expect(columnDrift(surface, expected, added)).toEqual([`${surface}: has column loyalty_points, which the schema does not`]);
  const dropped = actual.filter((c) => c.name !== expected[1]?.name);
  expect(columnDrift(surface, expected, dropped)).toEqual([`${surface}: lacks column ${expected[1]?.name}`]);
  const typed = actual.find((c) => c.kind === 'money' || c.kind === 'timestamp');
  if (typed) {
    const retyped = actual.map((c) => (c === typed ? { ...c, kind: 'string' as const } : c));
    expect(columnDrift(surface, expected, retyped)).toEqual([`${surface}: ${typed.name} is string, expected ${typed.kind}`]);
  }
}

describe('row-schema drift', () => {
  describe('PostgreSQL migrations (applied to PGlite, read back through the analytics source)', () => {
    let migrated: Record<RowTable, ColumnFact[]>;
    beforeAll(async () => {
      migrated = await migratedPostgresColumns();
    });

    it.each(ROW_TABLES)('%s has exactly the schema fields and the bookkeeping columns, typed alike', (table) => {
      const expected = expectedPostgresColumns(table).map(({ name, kind }) => ({ name, kind }));
      expect(columnDrift(`migrations: ${table}`, expected, migrated[table])).toEqual([]);
      expectDriftCaught(`migrations: ${table}`, expected, migrated[table]);
    });
  });

  it.each(ROW_TABLES)('the TypeORM entity of %s matches in name, kind, nullability and varchar length', (table) => {
    const expected = expectedPostgresColumns(table).filter((c) => c.name !== 'change_xid');
    expect(columnDrift(`entity: ${table}`, expected, entityColumns(table))).toEqual([]);
    expectDriftCaught(`entity: ${table}`, expected, entityColumns(table));
    const loosened = entityColumns(table).map((c) => (c.name === expected[0]?.name ? { ...c, nullable: true, maxLength: 999 } : c));
    expect(columnDrift(`entity: ${table}`, expected, loosened)).toEqual([
      `entity: ${table}: ${expected[0]?.name} is nullable, expected NOT NULL`,
      `entity: ${table}: ${expected[0]?.name} holds 999 characters, expected ${expected[0]?.maxLength}`,
    ]);
  });

  it.each(ROW_TABLES)('dbt declares source raw.%s with exactly the RAW contract columns', (table) => {
    const expected = expectedRawColumns(table, { system: true }).map(({ name }) => ({ name }));
    const declared = dbtSourceColumns()[table] ?? [];
    expect(columnDrift(`dbt source raw.${table}`, expected, declared)).toEqual([]);
    expectDriftCaught(`dbt source raw.${table}`, expected, declared);
  });

  it('dbt staging selects every RAW transaction column', () => {
    const expected = expectedRawColumns('transactions', { system: true }).map(({ name }) => ({ name }));
    const sql = readStagingSql();
    expect(columnDrift('stg_transactions.sql', expected, stagingMentions(sql, expected))).toEqual([]);
    const withoutMcc = sql.replace(/^\s*mcc,\n/m, '');
    expect(columnDrift('stg_transactions.sql', expected, stagingMentions(withoutMcc, expected))).toEqual(['stg_transactions.sql: lacks column mcc']);
  });

  it.each(ROW_TABLES)('the warehouse sync specs of %s (the source of both warehouses\' DDL) are the RAW data columns', (table) => {
    const expected = expectedRawColumns(table, { system: false });
    expect(columnDrift(`sync table ${table}`, expected, syncTableColumns(table))).toEqual([]);
    expectDriftCaught(`sync table ${table}`, expected, syncTableColumns(table));
  });

  it('a DuckDB warehouse creates the RAW tables with exactly the contract columns and types', async () => {
    const created = await duckDbWarehouseColumns();
    for (const table of ROW_TABLES) {
      const expected = expectedRawColumns(table, { system: true });
      expect(columnDrift(`DuckDB raw.${table}`, expected, created[table])).toEqual([]);
      expectDriftCaught(`DuckDB raw.${table}`, expected, created[table]);
    }
  });

  it.each(ROW_TABLES)('the Snowflake CREATE TABLE of RAW.%s has exactly the contract columns and types', (table) => {
    const expected = expectedRawColumns(table, { system: true });
    expect(columnDrift(`Snowflake RAW.${table}`, expected, snowflakeDdlColumns(table))).toEqual([]);
    expectDriftCaught(`Snowflake RAW.${table}`, expected, snowflakeDdlColumns(table));
  });

  it.each(ROW_TABLES)('the RAW fixture tables dbt is tested on (tools/dbt/raw-tables.ts) match for %s', (table) => {
    const expected = expectedRawColumns(table, { system: false });
    const fixture = RAW_TABLES[table].columns.map((c) => ({ name: c.name, kind: kindOfSqlType(c.type) }));
    expect(columnDrift(`tools/dbt RAW ${table}`, expected, fixture)).toEqual([]);
    expectDriftCaught(`tools/dbt RAW ${table}`, expected, fixture);
  });

  it('the analytics source reads exactly the transaction fields', () => {
    const expected = domainColumns('transactions').map(({ name }) => ({ name }));
    const listed = TRANSACTION_COLUMNS.map((name) => ({ name }));
    expect(columnDrift('analytics TRANSACTION_COLUMNS', expected, listed)).toEqual([]);
    expectDriftCaught('analytics TRANSACTION_COLUMNS', expected, listed);
  });
});
