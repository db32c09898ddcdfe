import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDbWarehouse, withDuckDb } from '@ledgerline/duckdb';
import { AccountEntity, CompanyEntity, CustomerCompanyEntity, CustomerEntity, TransactionEntity, openPostgres } from '@ledgerline/postgres';
import { renderAllStatements } from '@ledgerline/snowflake';
import {
  ACCOUNT_ROW_COLUMNS,
  COMPANY_ROW_COLUMNS,
  CUSTOMER_COMPANY_ROW_COLUMNS,
  CUSTOMER_ROW_COLUMNS,
  TRANSACTION_ROW_COLUMNS,
  type RowColumn,
} from '@ledgerline/transactions';
import { DEFAULT_SYNC_TABLES } from '@ledgerline/warehouse-sync';
import type { EntitySchema } from 'typeorm';
import { readDbtProperties, DBT_PROJECT_DIR } from '../dbt/dbt-yaml.ts';
import { kindOfSqlType, type ColumnFact } from './column-drift.ts';

/**
 * Readers of every hand-written list of the row tables, each returning the columns as that
 * surface states them, and what the one zod schema says each should hold. The row-schema drift
 * spec compares the two.
 */
export type RowTable = 'customers' | 'companies' | 'customer_companies' | 'accounts' | 'transactions';
export const ROW_TABLES: readonly RowTable[] = ['customers', 'companies', 'customer_companies', 'accounts', 'transactions'];

const DOMAIN: Record<RowTable, readonly RowColumn[]> = {
  customers: CUSTOMER_ROW_COLUMNS,
  companies: COMPANY_ROW_COLUMNS,
  customer_companies: CUSTOMER_COMPANY_ROW_COLUMNS,
  accounts: ACCOUNT_ROW_COLUMNS,
  transactions: TRANSACTION_ROW_COLUMNS,
};
/** Every row table, read by `of`. */
const byTable = <T>(of: (table: RowTable) => T): Record<RowTable, T> => Object.fromEntries(ROW_TABLES.map((t) => [t, of(t)])) as Record<RowTable, T>;
const fact = (c: RowColumn): ColumnFact => ({ name: c.name, kind: c.kind, nullable: c.nullable, ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}) });
const stamp = (name: string): ColumnFact => ({ name, kind: 'timestamp', nullable: false });
const withUpdatedAt = (table: RowTable, columns: ColumnFact[]) => (columns.some((c) => c.name === 'updated_at') ? columns : [...columns, stamp('updated_at')]);

/** The domain's fields of the table (from rowColumnsOf). */
export function domainColumns(table: RowTable): ColumnFact[] {
  return DOMAIN[table].map(fact);
}

/** PostgreSQL: the domain fields plus updated_at, the change sequence and xid; transactions also version_at and ingested_at. */
export function expectedPostgresColumns(table: RowTable): ColumnFact[] {
  const extra: ColumnFact[] = table === 'transactions' ? [{ name: 'version_at', kind: 'timestamp', nullable: true }, stamp('ingested_at')] : [];
  return [...withUpdatedAt(table, [...domainColumns(table), ...extra]), { name: 'change_seq', kind: 'bigint', nullable: false }, { name: 'change_xid', kind: 'other' }];
}

/** The RAW contract (docs/conventions.md): the domain fields, updated_at (+ ingested_at), then the sync's own columns. */
export function expectedRawColumns(table: RowTable, options: { system: boolean }): ColumnFact[] {
  const data = withUpdatedAt(table, [...domainColumns(table), ...(table === 'transactions' ? [stamp('ingested_at')] : [])]).map(({ name, kind }) => ({ name, kind }));
  if (!options.system) return data;
  return [...data, { name: '_change_seq', kind: 'bigint' }, { name: '_deleted', kind: 'boolean' }, { name: '_synced_at', kind: 'timestamp' }];
}

/** The migrations, applied to a fresh in-memory PGlite, read back through the analytics source port. */
export async function migratedPostgresColumns(): Promise<Record<RowTable, ColumnFact[]>> {
  const postgres = await openPostgres({ pgliteDir: 'memory://' });
  try {
    await postgres.store.migrate();
    const columns = await postgres.analyticsSource.sourceColumns(ROW_TABLES);
    const of = (table: RowTable) => columns.filter((c) => c.table === table).map((c) => ({ name: c.name, kind: kindOfSqlType(c.dataType, c.numericScale) }));
    return byTable(of);
  } finally {
    await postgres.close();
  }
}

/** The TypeORM entities' columns (change_xid is unmapped on purpose: TypeORM has no xid8). */
export function entityColumns(table: RowTable): ColumnFact[] {
  const entity = (
    { customers: CustomerEntity, companies: CompanyEntity, customer_companies: CustomerCompanyEntity, accounts: AccountEntity, transactions: TransactionEntity } as Record<RowTable, unknown>
  )[table] as EntitySchema<unknown>;
  return Object.entries(entity.options.columns).map(([name, options]) => {
    const column = options as { type: string; length?: number; nullable?: boolean; precision?: number; scale?: number };
    const type = column.precision !== undefined ? `${column.type}(${column.precision},${column.scale ?? 0})` : column.type;
    const kind = kindOfSqlType(type);
    // Only varchar's length is a limit the schema's .max() must equal; char(n) pairs with a pattern.
    return { name, kind, nullable: column.nullable ?? false, ...(column.type === 'varchar' && column.length !== undefined ? { maxLength: column.length } : {}) };
  });
}

/** dbt's `raw` source declarations (dbt/models/staging/_raw__sources.yml): names only. */
export function dbtSourceColumns(): Record<string, ColumnFact[]> {
  const raw = readDbtProperties()
    .flatMap(({ properties }) => properties.sources ?? [])
    .find((s) => s.name === 'raw');
  return Object.fromEntries((raw?.tables ?? []).map((t) => [t.name, (t.columns ?? []).map((c) => ({ name: c.name }))]));
}

/** The warehouse sync's table specs (SyncTableSpec), which DuckDB's and Snowflake's DDL come from. */
export function syncTableColumns(table: RowTable): ColumnFact[] {
  const spec = DEFAULT_SYNC_TABLES.find((s) => s.name === table);
  return (spec?.columns ?? []).map((c) => ({ name: c.name, kind: c.type === 'integer' ? 'other' : c.type }));
}

/** The tables a real DuckDB warehouse creates (ensureSchema on a throwaway file). */
export async function duckDbWarehouseColumns(): Promise<Record<RowTable, ColumnFact[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-drift-'));
  const path = join(dir, 'warehouse.duckdb');
  try {
    const warehouse = new DuckDbWarehouse({ path });
    await warehouse.ensureSchema(DEFAULT_SYNC_TABLES);
    await warehouse.close();
    const rows = await withDuckDb(path, async (db) =>
      (await db.runAndReadAll(`SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' ORDER BY column_index`)).getRowObjectsJS(),
    );
    const of = (table: RowTable) => rows.filter((r) => r.table_name === table).map((r) => ({ name: String(r.column_name), kind: kindOfSqlType(String(r.data_type)) }));
    return byTable(of);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CREATE TABLE the Snowflake warehouse sends for each RAW table, parsed back into columns. */
export function snowflakeDdlColumns(table: RowTable): ColumnFact[] {
  const ddl = renderAllStatements({ database: 'LEDGERLINE', schema: 'RAW' }, DEFAULT_SYNC_TABLES).find(
    (s) => s.builder === 'createRawTableSql' && s.origin.endsWith(`:${table}`),
  );
  return [...(ddl?.sql ?? '').matchAll(/^ {2}"([A-Z0-9_]+)" ([A-Z_]+(?:\(\d+,\d+\))?)/gm)].map(([, name, type]) => ({
    name: (name ?? '').toLowerCase(),
    kind: kindOfSqlType(type ?? ''),
  }));
}

/** Columns of `stg_transactions.sql` that staging selects from RAW: every expected name it mentions. */
export function stagingMentions(sql: string, expected: readonly ColumnFact[]): ColumnFact[] {
  return expected.filter((c) => new RegExp(`\\b${c.name}\\b`).test(sql)).map(({ name }) => ({ name }));
}

export const STAGING_TRANSACTIONS_SQL = resolve(DBT_PROJECT_DIR, 'models/staging/stg_transactions.sql');
export const readStagingSql = (): string => readFileSync(STAGING_TRANSACTIONS_SQL, 'utf8');
