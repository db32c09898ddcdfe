import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ANOMALY_Z_THRESHOLD,
  anomalyScoresSql,
  METRIC_DEFINITIONS_SQL,
  recurringSummarySelectSql,
  ROLLUPS,
  rollupSelectSql,
  servingSource,
  tableSource,
  type RollupName,
} from '@ledgerline/analytics';
import { withDuckDb } from '../../connection/shared-instances.ts';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';
import { DUCKDB_DIALECT } from '../duckdb-dialect.ts';
import { FOLLOWED_RAW_TABLES, readRawSyncMarks, type RawSyncMark } from './raw-sync-marks.ts';
import { DEFAULT_SERVING_SCHEMA, SERVING_STATE_TABLE, servingTableNames, servingTables } from './serving-schema.ts';

export interface RefreshServingOptions {
  /** Rebuild every table from RAW instead of applying the rows changed since the last refresh. */
  readonly full?: boolean;
  /** RAW schema (default `raw`). */
  readonly rawSchema?: string;
  /** Serving schema (default `serving`). */
  readonly schema?: string;
}

export interface RefreshServingReport {
  readonly mode: 'full' | 'incremental' | 'unchanged';
  /** Transactions re-derived (all of them on a full build). */
  readonly transactions: number;
  /** Days whose rollup rows were recomputed (incremental only). */
  readonly days: number;
  readonly durationMs: number;
}

const ROLLUP_NAMES = Object.keys(ROLLUPS) as RollupName[];

/**
 * Brings the serving layer (serving-tables.ts in @ledgerline/analytics) of a DuckDB file up to
 * date with its RAW tables, in one transaction, so readers see the old or the new state, never a
 * mix. Incremental by default: the rows RAW received since the last refresh (`_synced_at` at or
 * after the recorded one: changes and tombstones; raw-sync-marks.ts says why not `_change_seq`),
 * plus the rows of accounts that changed customer, are re-derived; the rollup rows
 * of every day they touch (before or after the change) and the anomalies of every customer they
 * touch are recomputed from the fact. A full build replaces every table, clustered by customer.
 */
export async function refreshServingTables(db: DuckDBConnection, options: RefreshServingOptions = {}): Promise<RefreshServingReport> {
  const started = performance.now();
  const raw = options.rawSchema ?? 'raw';
  const schema = options.schema ?? DEFAULT_SERVING_SCHEMA;
  await db.run('BEGIN TRANSACTION');
  try {
    const rawMarks = await readRawSyncMarks(db, raw);
    const built = await readServingMarks(db, schema);
    const mark = (marks: Map<string, RawSyncMark>, table: string): RawSyncMark => marks.get(table) ?? { syncedUs: -1n, rows: 0n };
    // RAW went back in time or lost rows: a --full-refresh reload, which leaves no tombstones.
    const full =
      options.full === true ||
      built === undefined ||
      FOLLOWED_RAW_TABLES.some((t) => !built.has(t) || mark(built, t).syncedUs > mark(rawMarks, t).syncedUs || mark(built, t).rows > mark(rawMarks, t).rows);
    const same = FOLLOWED_RAW_TABLES.every((t) => built?.has(t) && mark(built, t).syncedUs === mark(rawMarks, t).syncedUs && mark(built, t).rows === mark(rawMarks, t).rows);
    const result = full
      ? await buildAll(db, raw, schema)
      : same
        ? { mode: 'unchanged' as const, transactions: 0, days: 0 }
        : await applyChanges(db, raw, schema, mark(built!, 'transactions').syncedUs);
    await recordMarks(db, schema, rawMarks);
    await db.run('COMMIT');
    return { ...result, durationMs: performance.now() - started };
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** refreshServingTables on the file at `path` (through this process' shared instance). */
export function refreshServingFile(path: string, options: RefreshServingOptions = {}): Promise<RefreshServingReport> {
  return withDuckDb(path, (db) => refreshServingTables(db, options));
}

function rawSource(raw: string) {
  return tableSource('raw', { transactions: `${q(raw)}.transactions`, accounts: `${q(raw)}.accounts`, tombstones: true, dialect: DUCKDB_DIALECT });
}

/** The fact's rows: live transactions with customer_id, day and the definitions' flags, restricted by `condition`. */
function factSelect(raw: string, condition = 'TRUE'): string {
  const d = METRIC_DEFINITIONS_SQL;
  return `SELECT *, ${d.spend} AS is_spend, ${d.income} AS is_income, ${d.movesBalance} AS affects_balance
    FROM ${rawSource(raw).transactions({ withCustomer: true })} AS t WHERE ${condition}`;
}

function recurringSelect(fact: string, condition = 'TRUE'): string {
  return `SELECT tx_id, occurred_at, day, customer_id, account_id, merchant, category, normalized_amount
    FROM ${fact} WHERE is_spend AND is_recurring AND merchant IS NOT NULL AND ${condition}`;
}

/**
 * The recurringSummary table: per (merchant, category) over every recurring row, the aggregates of
 * recurringPayments with the same expressions as recurringSummaryColumns in @ledgerline/analytics
 * (metric-sql/recurring-query.ts; the contract suite checks the two paths give the same answers).
 * Rebuilt whole on every refresh: an aggregation of the recurring rows (~1.3M at 10M
 * transactions) costs far less than the rest of a refresh, and a median cannot be patched.
 */
function recurringSummarySelect(recurring: string): string {
  return `${recurringSummarySelectSql(DUCKDB_DIALECT, recurring)} ORDER BY merchant, category`;
}

function anomaliesSelect(schema: string, population: readonly string[]): string {
  const ctx = { dialect: DUCKDB_DIALECT, source: servingSource(servingTables(schema)) };
  return `SELECT * FROM (${anomalyScoresSql(ctx, population)}) AS scored WHERE abs(z) >= ${ANOMALY_Z_THRESHOLD}`;
}

async function buildAll(db: DuckDBConnection, raw: string, schema: string): Promise<Omit<RefreshServingReport, 'durationMs'>> {
  const tables = servingTables(schema);
  await db.run(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
  await db.run(`CREATE OR REPLACE TABLE ${tables.accounts} AS ${rawSource(raw).accounts()}`);
  // Clustered by customer and account: DuckDB keeps min/max per row group, so a customer's or an
  // account's rows sit in one or two row groups and a filter on them skips every other one.
  await db.run(`CREATE OR REPLACE TABLE ${tables.fact} AS ${factSelect(raw)} ORDER BY customer_id, account_id, occurred_at`);
  for (const name of ROLLUP_NAMES) {
    await db.run(`CREATE OR REPLACE TABLE ${tables.rollups[name]} AS ${rollupSelectSql(name, tables.fact)} ORDER BY day`);
  }
  await db.run(`CREATE OR REPLACE TABLE ${tables.recurring} AS ${recurringSelect(tables.fact)} ORDER BY merchant, category`);
  await db.run(`CREATE OR REPLACE TABLE ${tables.recurringSummary} AS ${recurringSummarySelect(tables.recurring)}`);
  await db.run(`CREATE OR REPLACE TABLE ${tables.anomalies} AS ${anomaliesSelect(schema, [])}`);
  const count = await scalar(db, `SELECT count(*) AS n FROM ${tables.fact}`);
  return { mode: 'full', transactions: Number(count), days: 0 };
}

/**
 * `sinceUs`: RAW's latest `_synced_at` at the last refresh; rows synced after it are re-derived.
 * Strictly after: a batch's rows share its transaction's start time, a later batch (syncs are
 * sequential under the warehouse lock) starts later, and one still open during the last refresh
 * commits with a time after everything that refresh saw.
 */
async function applyChanges(db: DuckDBConnection, raw: string, schema: string, sinceUs: bigint): Promise<Omit<RefreshServingReport, 'durationMs'>> {
  const tables = servingTables(schema);
  const liveAccounts = rawSource(raw).accounts();
  // Accounts that appeared, disappeared or moved to another customer: their transactions' customer_id changes.
  await db.run(`CREATE OR REPLACE TEMP TABLE serving_remapped AS
    SELECT coalesce(n.account_id, o.account_id) AS account_id
    FROM ${liveAccounts} AS n FULL JOIN ${tables.accounts} AS o ON o.account_id = n.account_id
    WHERE n.account_id IS NULL OR o.account_id IS NULL OR n.customer_id IS DISTINCT FROM o.customer_id`);
  const remapped = await scalar(db, 'SELECT count(*) AS n FROM serving_remapped');
  await db.run(`CREATE OR REPLACE TEMP TABLE serving_changed AS
    SELECT DISTINCT tx_id FROM ${q(raw)}.transactions
    WHERE epoch_us(_synced_at) > CAST($since AS BIGINT)${remapped > 0n ? ' OR account_id IN (SELECT account_id FROM serving_remapped)' : ''}`,
  { since: sinceUs.toString() });
  await db.run(`CREATE OR REPLACE TABLE ${tables.accounts} AS ${liveAccounts}`);
  const changed = await scalar(db, 'SELECT count(*) AS n FROM serving_changed');
  if (changed === 0n) {
    await dropTemp(db);
    return { mode: 'unchanged', transactions: 0, days: 0 };
  }
  const inChanged = 'tx_id IN (SELECT tx_id FROM serving_changed)';
  // What the changed rows touched before (their old day and customer) and after.
  await db.run(`CREATE OR REPLACE TEMP TABLE serving_touched AS SELECT day, customer_id FROM ${tables.fact} WHERE ${inChanged}`);
  await db.run(`DELETE FROM ${tables.fact} WHERE ${inChanged}`);
  await db.run(`INSERT INTO ${tables.fact} ${factSelect(raw, inChanged)}`);
  await db.run(`INSERT INTO serving_touched SELECT day, customer_id FROM ${tables.fact} WHERE ${inChanged}`);
  await db.run('CREATE OR REPLACE TEMP TABLE serving_days AS SELECT DISTINCT day FROM serving_touched');
  const inDays = 'day IN (SELECT day FROM serving_days)';
  for (const name of ROLLUP_NAMES) {
    await db.run(`DELETE FROM ${tables.rollups[name]} WHERE ${inDays}`);
    await db.run(`INSERT INTO ${tables.rollups[name]} ${rollupSelectSql(name, tables.fact, inDays)}`);
  }
  await db.run(`DELETE FROM ${tables.recurring} WHERE ${inChanged}`);
  await db.run(`INSERT INTO ${tables.recurring} ${recurringSelect(tables.fact, inChanged)}`);
  await db.run(`CREATE OR REPLACE TABLE ${tables.recurringSummary} AS ${recurringSummarySelect(tables.recurring)}`);
  // A customer's statistics change with any of its spend rows: recompute its anomalies.
  const inCustomers = 'customer_id IN (SELECT customer_id FROM serving_touched WHERE customer_id IS NOT NULL)';
  await db.run(`DELETE FROM ${tables.anomalies} WHERE ${inCustomers}`);
  await db.run(`INSERT INTO ${tables.anomalies} ${anomaliesSelect(schema, [inCustomers])}`);
  const days = await scalar(db, 'SELECT count(*) AS n FROM serving_days');
  await dropTemp(db);
  return { mode: 'incremental', transactions: Number(changed), days: Number(days) };
}

async function dropTemp(db: DuckDBConnection): Promise<void> {
  for (const name of ['serving_remapped', 'serving_changed', 'serving_touched', 'serving_days']) await db.run(`DROP TABLE IF EXISTS ${name}`);
}

async function scalar(db: DuckDBConnection, sql: string): Promise<bigint> {
  const value = (await db.runAndReadAll(sql)).getRowObjectsJS()[0]?.n;
  return typeof value === 'bigint' ? value : BigInt(Number(value ?? 0));
}

/** Where RAW stood at the last refresh, or undefined when the serving layer was never built. */
async function readServingMarks(db: DuckDBConnection, schema: string): Promise<Map<string, RawSyncMark> | undefined> {
  const exists = await db.runAndReadAll(
    `SELECT count(*) AS n FROM duckdb_columns() WHERE schema_name = $schema
       AND ((table_name = 'fact' AND column_name = 'tx_id') OR (table_name = '${SERVING_STATE_TABLE}' AND column_name = 'synced_us'))`,
    { schema },
  );
  // A state table of an older layout (without synced_us) counts as never built.
  if (Number(exists.getRowObjectsJS()[0]?.n ?? 0) < 2) return undefined;
  // So does a layout that lacks a table added since (e.g. recurring_summary): readers ignore it until rebuilt.
  const names = servingTableNames();
  const tables = await db.runAndReadAll(
    `SELECT count(DISTINCT table_name) AS n FROM duckdb_tables() WHERE schema_name = $schema AND table_name IN (${names.map((n) => `'${n}'`).join(', ')})`,
    { schema },
  );
  if (Number(tables.getRowObjectsJS()[0]?.n ?? 0) < names.length) return undefined;
  const reader = await db.runAndReadAll(
    `SELECT table_name, CAST(synced_us AS VARCHAR) AS synced_us, CAST(row_count AS VARCHAR) AS row_count FROM ${q(schema)}.${q(SERVING_STATE_TABLE)}`,
  );
  return new Map(
    reader.getRowObjectsJS().map((r) => [String(r.table_name), { syncedUs: BigInt(String(r.synced_us)), rows: BigInt(String(r.row_count)) }]),
  );
}

async function recordMarks(db: DuckDBConnection, schema: string, marks: Map<string, RawSyncMark>): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TABLE ${q(schema)}.${q(SERVING_STATE_TABLE)} (table_name VARCHAR PRIMARY KEY, synced_us BIGINT NOT NULL, row_count BIGINT NOT NULL)`,
  );
  for (const table of FOLLOWED_RAW_TABLES) {
    const mark = marks.get(table) ?? { syncedUs: -1n, rows: 0n };
    await db.run(`INSERT INTO ${q(schema)}.${q(SERVING_STATE_TABLE)} VALUES ($table, CAST($synced AS BIGINT), CAST($rows AS BIGINT))`, {
      table,
      synced: mark.syncedUs.toString(),
      rows: mark.rows.toString(),
    });
  }
}
