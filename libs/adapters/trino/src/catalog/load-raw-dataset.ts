import type { Account, Company, Customer, CustomerCompany, Transaction } from '@ledgerline/transactions';
import { DEFAULT_SYNC_TABLES, type SyncColumnType, type SyncTableSpec } from '@ledgerline/warehouse-sync';
import type { TrinoClient } from '../client/trino-client.ts';
import { trinoIdentifier as q, trinoLiteral } from '../client/trino-literals.ts';

/** The RAW contract's types on Trino (docs/conventions.md: money decimal(15,2), timestamptz in microseconds). */
export const TRINO_TYPES: Record<SyncColumnType, string> = {
  string: 'VARCHAR',
  money: 'DECIMAL(15,2)',
  decimal: 'DECIMAL(28,8)',
  timestamp: 'TIMESTAMP(6) WITH TIME ZONE',
  boolean: 'BOOLEAN',
  bigint: 'BIGINT',
  integer: 'INTEGER',
};

export interface TrinoRawDataset {
  readonly customers: readonly Customer[];
  readonly accounts: readonly Account[];
  readonly transactions: readonly Transaction[];
  /** Optional (a dataset from before companies): the tables are created empty. */
  readonly companies?: readonly Company[];
  readonly customerCompanies?: readonly CustomerCompany[];
}

function rowsOf(data: TrinoRawDataset, table: string): ReadonlyArray<Record<string, unknown>> {
  const byTable: Record<string, readonly object[] | undefined> = {
    customers: data.customers,
    companies: data.companies,
    customer_companies: data.customerCompanies,
    accounts: data.accounts,
    transactions: data.transactions,
  };
  return (byTable[table] ?? []) as ReadonlyArray<Record<string, unknown>>;
}

export interface TrinoRawLoadOptions {
  readonly catalog: string;
  /** Default `raw`. */
  readonly schema?: string;
  /** `_synced_at` and `_sync_state.updated_at` (default now). */
  readonly syncedAt?: string;
  /** Rows per INSERT statement (default 1000). */
  readonly batchRows?: number;
}

const timestampLiteral = (iso: string) => `CAST(from_iso8601_timestamp_nanos(${trinoLiteral(iso)}) AS TIMESTAMP(6) WITH TIME ZONE)`;

/** How a text column of the VALUES list becomes the table's type (one expression per column, not per cell). */
function castFromText(type: SyncColumnType, column: string): string {
  if (type === 'timestamp') return `CAST(from_iso8601_timestamp_nanos(${column}) AS TIMESTAMP(6) WITH TIME ZONE)`;
  if (type === 'boolean') return `CAST(${column} AS BOOLEAN)`;
  return type === 'string' ? column : `CAST(${column} AS ${TRINO_TYPES[type]})`;
}

function textLiteral(type: SyncColumnType, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (type === 'boolean') return value === true ? "'true'" : "'false'";
  return trinoLiteral(String(value));
}

/**
 * Writes a dataset into RAW-contract tables of a Trino catalog (Iceberg: the tables dbt's `trino`
 * target reads), as if a full sync had just loaded it: `_change_seq` 1..n, `_deleted` false, one
 * `_sync_state` row per table. INSERT ... VALUES of typed literals, for tests and small datasets
 * (a bulk copy goes through a DuckDB file instead: tools/dbt/trino/copy_raw.py).
 */
export async function loadRawDatasetIntoTrino(client: TrinoClient, data: TrinoRawDataset, options: TrinoRawLoadOptions): Promise<void> {
  const schema = options.schema ?? 'raw';
  const syncedAt = options.syncedAt ?? new Date().toISOString();
  const batch = options.batchRows ?? 1000;
  const table = (name: string) => `${q(options.catalog)}.${q(schema)}.${q(name)}`;
  await client.run(`CREATE SCHEMA IF NOT EXISTS ${q(options.catalog)}.${q(schema)}`);
  await client.run(
    `CREATE TABLE IF NOT EXISTS ${table('_sync_state')} (table_name VARCHAR, watermark BIGINT, xmin_horizon BIGINT, updated_at TIMESTAMP(6) WITH TIME ZONE)`,
  );
  let seq = 0;
  const syncState: string[] = [];
  for (const spec of DEFAULT_SYNC_TABLES) {
    await client.run(createTrinoRawTableSql(table(spec.name), spec));
    const rows = rowsOf(data, spec.name);
    // VALUES of plain text literals, typed once per column by the SELECT around them: planning a
    // VALUES list of typed expressions costs Trino far more than the insert itself.
    const names = [...spec.columns.map((c, i) => ({ name: c.name, expression: castFromText(c.type, `c${i}`) })), { name: '_change_seq', expression: `CAST(c${spec.columns.length} AS BIGINT)` }];
    const aliases = names.map((_, i) => `c${i}`).join(', ');
    for (let start = 0; start < rows.length; start += batch) {
      const values = rows.slice(start, start + batch).map((row) => {
        seq += 1;
        const cells = spec.columns.map((c) => textLiteral(c.type, row[c.name] ?? (c.name === 'ingested_at' || c.name === 'updated_at' ? syncedAt : null)));
        return `(${[...cells, `'${seq}'`].join(', ')})`;
      });
      await client.run(
        `INSERT INTO ${table(spec.name)} SELECT ${names.map((n) => n.expression).join(', ')}, FALSE, ${timestampLiteral(syncedAt)}
           FROM (VALUES ${values.join(',\n')}) AS v(${aliases})`,
        { timeoutMs: 600_000 },
      );
    }
    syncState.push(`(${trinoLiteral(spec.name)}, CAST(${seq} AS BIGINT), CAST(0 AS BIGINT), ${timestampLiteral(syncedAt)})`);
  }
  await client.run(`INSERT INTO ${table('_sync_state')} VALUES ${syncState.join(', ')}`);
}

/** A RAW table with the sync columns (Trino's connectors have no primary keys: the sync's MERGE keeps keys unique). */
export function createTrinoRawTableSql(qualifiedName: string, spec: SyncTableSpec): string {
  const columns = spec.columns.map((c) => `${q(c.name)} ${TRINO_TYPES[c.type]}`);
  return `CREATE TABLE IF NOT EXISTS ${qualifiedName} (${[...columns, '_change_seq BIGINT', '_deleted BOOLEAN', '_synced_at TIMESTAMP(6) WITH TIME ZONE'].join(', ')})`;
}
