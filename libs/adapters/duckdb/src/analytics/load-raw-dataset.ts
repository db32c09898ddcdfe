import type { DuckDBAppender } from '@duckdb/node-api';
import type { Account, Company, Customer, CustomerCompany, Transaction } from '@ledgerline/transactions';
import { DEFAULT_SYNC_TABLES, type SyncTableSpec } from '@ledgerline/warehouse-sync';
import { withDuckDb } from '../connection/shared-instances.ts';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { createRawTableSql, createSyncStateSql, rawTable, SYNC_STATE_TABLE } from '../warehouse/raw-table-ddl.ts';

export interface RawDatasetRows {
  readonly customers: Iterable<Customer>;
  readonly accounts: Iterable<Account>;
  readonly transactions: Iterable<Transaction>;
  /** Optional (a dataset from before companies): the tables are created empty. */
  readonly companies?: Iterable<Company>;
  readonly customerCompanies?: Iterable<CustomerCompany>;
}

/** The rows of one RAW table; a table the dataset has no rows for is created empty. */
function rowsOf(data: RawDatasetRows, table: string): Iterable<Row> {
  const byTable: Record<string, Iterable<object> | undefined> = {
    customers: data.customers,
    companies: data.companies,
    customer_companies: data.customerCompanies,
    accounts: data.accounts,
    transactions: data.transactions,
  };
  return (byTable[table] ?? []) as Iterable<Row>;
}

export interface LoadRawOptions {
  /** Stored as `_synced_at` and `_sync_state.updated_at` (default now). */
  readonly syncedAt?: string;
  /** RAW schema (default `raw`). */
  readonly schema?: string;
  /** Called every 1,000,000 transactions with the running count. */
  readonly onProgress?: (transactions: number) => void;
}

type Row = Record<string, unknown>;

/**
 * Writes a dataset straight into RAW-contract tables with the appender, as if a full sync had
 * just loaded it (`_change_seq` 1..n, `_deleted` false, one `_sync_state` row per table). For
 * tests, the agent's evaluation and benchmarks: ~1M rows/s instead of a sync's MERGE per batch.
 * The tables are created when missing; existing rows are kept (the caller starts from an empty file).
 */
export async function loadRawDataset(path: string, data: RawDatasetRows, options: LoadRawOptions = {}): Promise<{ transactions: number }> {
  const schema = options.schema ?? 'raw';
  const syncedAt = options.syncedAt ?? new Date().toISOString();
  return withDuckDb(path, async (db) => {
    await db.run(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
    await db.run(createSyncStateSql(schema));
    let seq = 0n;
    let transactions = 0;
    for (const spec of DEFAULT_SYNC_TABLES) {
      await db.run(createRawTableSql(schema, spec));
      const rows = rowsOf(data, spec.name);
      const appender = await db.createAppender(spec.name, schema);
      try {
        for (const row of rows) {
          seq += 1n;
          appendRow(appender, spec, row, seq, syncedAt);
          if (spec.name === 'transactions') {
            transactions += 1;
            if (transactions % 1_000_000 === 0) options.onProgress?.(transactions);
          }
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      await db.run(
        `INSERT OR REPLACE INTO ${rawTable(schema, SYNC_STATE_TABLE)} (table_name, watermark, xmin_horizon, updated_at)
         VALUES ($table, CAST($seq AS BIGINT), 0, CAST($at AS TIMESTAMPTZ))`,
        { table: spec.name, seq: seq.toString(), at: syncedAt },
      );
    }
    await db.run('CHECKPOINT');
    return { transactions };
  });
}

/**
 * One row in createRawTableSql's column order: data columns, then _change_seq, _deleted,
 * _synced_at. Money and timestamps go in as text and DuckDB casts them exactly on append.
 */
function appendRow(appender: DuckDBAppender, spec: SyncTableSpec, row: Row, seq: bigint, syncedAt: string): void {
  for (const column of spec.columns) {
    // ingested_at/updated_at of a transaction are store bookkeeping: the load time stands in.
    const value = row[column.name] ?? (column.name === 'ingested_at' || column.name === 'updated_at' ? syncedAt : null);
    if (value === null || value === undefined) appender.appendNull();
    else if (column.type === 'boolean') appender.appendBoolean(value === true);
    else appender.appendVarchar(String(value));
  }
  appender.appendBigInt(seq);
  appender.appendBoolean(false);
  appender.appendVarchar(syncedAt);
  appender.endRow();
}
