import type { DuckDBConnection } from '@duckdb/node-api';
import { DBT_ACCOUNT_COLUMNS, DBT_FACT_COLUMNS, martsSource, servingSource, tableSource, TRANSACTION_COLUMNS, type TransactionSource } from '@ledgerline/analytics';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { rawSyncMarksSql } from './serving/raw-sync-marks.ts';
import { DEFAULT_SERVING_SCHEMA, SERVING_STATE_TABLE, servingTableNames, servingTables } from './serving/serving-schema.ts';

export interface AnalyticsSchemas {
  /** The RAW contract's schema (default `raw`). */
  readonly raw: string;
  /** Where dbt builds the marts (default `marts`). */
  readonly marts: string;
  /** The serving layer kept by `analytics sync` (default `serving`). */
  readonly serving?: string;
}

export const DEFAULT_ANALYTICS_SCHEMAS: AnalyticsSchemas = { raw: 'raw', marts: 'marts', serving: DEFAULT_SERVING_SCHEMA };

/** Which relations a store may answer from: 'auto' = serving layer if fresh, else marts, else RAW. */
export type SourcePreference = 'auto' | 'marts' | 'raw';

/** The relations the metric queries read, and why the marts were (not) used. */
export interface DetectedRelations {
  readonly source: TransactionSource;
  readonly reason: string;
  /** Whether raw.transactions exists at all (an empty file before the first sync has none). */
  readonly hasRaw: boolean;
  readonly hasSyncState: boolean;
}

const FACT = 'fct_transactions';
const ACCOUNTS_DIM = 'dim_account';
// The columns the metric SQL reads, under the names dbt gives them.
const FACT_COLUMNS = [...TRANSACTION_COLUMNS, 'customer_id', 'day', 'is_spend', 'is_income', 'affects_balance'] as const satisfies ReadonlyArray<keyof typeof DBT_FACT_COLUMNS | (typeof TRANSACTION_COLUMNS)[number]>;
const FACT_COLUMN_NAMES = FACT_COLUMNS.map((c) => DBT_FACT_COLUMNS[c] ?? c);
const ACCOUNT_COLUMNS = (['account_id', 'customer_id', 'currency', 'balance'] as const).map((c) => DBT_ACCOUNT_COLUMNS[c] ?? c);

async function columnsBySchemaTable(db: DuckDBConnection, schemas: readonly string[]): Promise<Map<string, Set<string>>> {
  const reader = await db.runAndReadAll(
    `SELECT schema_name, table_name, column_name FROM duckdb_columns() WHERE schema_name IN (${schemas.map(() => '?').join(', ')})`,
    [...schemas],
  );
  const columns = new Map<string, Set<string>>();
  for (const row of reader.getRowObjectsJS()) {
    const key = `${String(row.schema_name)}.${String(row.table_name)}`;
    const set = columns.get(key) ?? new Set<string>();
    set.add(String(row.column_name));
    columns.set(key, set);
  }
  return columns;
}

/**
 * Looks once per open at what the file holds: the dbt marts when `fct_transactions` and
 * `dim_account` exist with every column the metric SQL reads, else the RAW tables.
 */
export async function detectRelations(
  db: DuckDBConnection,
  schemas: AnalyticsSchemas = DEFAULT_ANALYTICS_SCHEMAS,
  options: { prefer?: SourcePreference } = {},
): Promise<DetectedRelations> {
  const servingSchema = schemas.serving ?? DEFAULT_SERVING_SCHEMA;
  const columns = await columnsBySchemaTable(db, [schemas.raw, schemas.marts, servingSchema]);
  const hasRaw = columns.has(`${schemas.raw}.transactions`) && columns.has(`${schemas.raw}.accounts`);
  const hasSyncState = columns.has(`${schemas.raw}._sync_state`);
  const raw = tableSource('raw', {
    transactions: `${q(schemas.raw)}.${q('transactions')}`,
    accounts: `${q(schemas.raw)}.${q('accounts')}`,
    tombstones: true,
    dialect: DUCKDB_DIALECT,
  });
  if ((options.prefer ?? 'auto') === 'auto' && hasRaw && hasSyncState) {
    const serving = await servingFreshness(db, columns, schemas.raw, servingSchema);
    if (serving === 'fresh') {
      return { source: servingSource(servingTables(servingSchema)), reason: `reading the serving layer (${servingSchema}.*, up to date with RAW)`, hasRaw, hasSyncState };
    }
  }
  if (options.prefer === 'raw') return { source: raw, reason: 'RAW forced by configuration', hasRaw, hasSyncState };
  const fact = columns.get(`${schemas.marts}.${FACT}`);
  const dim = columns.get(`${schemas.marts}.${ACCOUNTS_DIM}`);
  if (!fact || !dim) return { source: raw, reason: `no ${schemas.marts}.${FACT} / ${ACCOUNTS_DIM} (dbt has not run): reading RAW`, hasRaw, hasSyncState };
  const missing = [...FACT_COLUMN_NAMES.filter((c) => !fact.has(c)).map((c) => `${FACT}.${c}`), ...ACCOUNT_COLUMNS.filter((c) => !dim.has(c)).map((c) => `${ACCOUNTS_DIM}.${c}`)];
  if (missing.length > 0) return { source: raw, reason: `marts lack ${missing.join(', ')}: reading RAW`, hasRaw, hasSyncState };
  const source = martsSource({ fact: `${q(schemas.marts)}.${q(FACT)}`, accounts: `${q(schemas.marts)}.${q(ACCOUNTS_DIM)}` });
  return { source, reason: `reading dbt marts (${schemas.marts}.${FACT})`, hasRaw, hasSyncState };
}

/**
 * Whether the serving layer exists and was refreshed up to where RAW stands now (raw-sync-marks.ts): a sync
 * that did not refresh it (e.g. warehouse-sync on the same file) makes it stale, and the store
 * then reads the marts or RAW rather than answer from older data.
 */
async function servingFreshness(db: DuckDBConnection, columns: Map<string, Set<string>>, raw: string, serving: string): Promise<'fresh' | 'stale' | 'missing'> {
  if (!servingTableNames().every((name) => columns.has(`${serving}.${name}`))) return 'missing';
  // A state table of an older layout cannot say where RAW stood: refresh before reading.
  if (!columns.get(`${serving}.${SERVING_STATE_TABLE}`)?.has('synced_us')) return 'stale';
  const reader = await db.runAndReadAll(
    `SELECT count(*) AS n FROM (${rawSyncMarksSql(raw)}) r FULL JOIN ${q(serving)}.${q(SERVING_STATE_TABLE)} s ON s.table_name = r.table_name
      WHERE r.synced_us IS DISTINCT FROM s.synced_us OR r.row_count IS DISTINCT FROM s.row_count`,
  );
  return Number(reader.getRowObjectsJS()[0]?.n ?? 1) === 0 ? 'fresh' : 'stale';
}
