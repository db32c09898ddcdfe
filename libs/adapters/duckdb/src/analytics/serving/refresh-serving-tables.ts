import type { DuckDBConnection } from '@duckdb/node-api';
import { withDuckDb } from '../../connection/shared-instances.ts';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';
import { applyServingChanges } from './apply-serving-changes.ts';
import { buildServingTables } from './build-serving-tables.ts';
import { FOLLOWED_RAW_TABLES, readRawSyncMarks, type RawSyncMark } from './raw-sync-marks.ts';
import { RefreshSteps, type RefreshStepTiming } from './refresh-steps.ts';
import { DEFAULT_SERVING_SCHEMA, SERVING_STATE_TABLE, servingTableNames } from './serving-schema.ts';

export interface RefreshServingOptions {
  /** Rebuild every table from RAW instead of applying the rows changed since the last refresh. */
  readonly full?: boolean;
  /** RAW schema (default `raw`). */
  readonly rawSchema?: string;
  /** Serving schema (default `serving`). */
  readonly schema?: string;
  /** Called with each step's name before it runs (progress; fault tests stop the process there). */
  readonly onStep?: (step: string) => void;
}

export interface RefreshServingReport {
  readonly mode: 'full' | 'incremental' | 'unchanged';
  /** Transactions re-derived (all of them on a full build). */
  readonly transactions: number;
  /** Distinct days the changed rows were on, before or after the change (incremental only). */
  readonly days: number;
  /** Rollup rows patched: updated, inserted or deleted (incremental only). */
  readonly groups: number;
  /** Anomaly groups read again from the fact because their near rows no longer covered every possible anomaly (incremental only). */
  readonly anomalyGroupsRescanned: number;
  readonly durationMs: number;
  /** Each statement's time, in order: where the refresh spent it. */
  readonly steps: readonly RefreshStepTiming[];
}

/**
 * Brings the serving layer (serving-tables.ts in @ledgerline/analytics) of a DuckDB file up to
 * date with its RAW tables, in one transaction, so readers (and a process killed mid-refresh)
 * see the old or the new state, never a mix. Incremental by default: the rows RAW received since
 * the last refresh are applied as a difference between their old and new versions
 * (apply-serving-changes.ts), at a cost proportional to the changed rows. A full build replaces
 * every table, clustered by customer (build-serving-tables.ts).
 */
export async function refreshServingTables(db: DuckDBConnection, options: RefreshServingOptions = {}): Promise<RefreshServingReport> {
  const started = performance.now();
  const raw = options.rawSchema ?? 'raw';
  const schema = options.schema ?? DEFAULT_SERVING_SCHEMA;
  const steps = new RefreshSteps(db, options.onStep);
  await steps.run('begin', 'BEGIN TRANSACTION');
  try {
    const rawMarks = await readRawSyncMarks(db, raw);
    const built = await readServingMarks(db, schema);
    const mark = (marks: Map<string, RawSyncMark>, table: string): RawSyncMark => marks.get(table) ?? { syncedUs: -1n, rows: 0n };
    // RAW went back in time or lost rows: a --full-refresh reload, which leaves no tombstones.
    const full =
      options.full === true ||
      built === undefined ||
      FOLLOWED_RAW_TABLES.some((t) => !built.has(t) || mark(built, t).syncedUs > mark(rawMarks, t).syncedUs || mark(built, t).rows > mark(rawMarks, t).rows);
    const same = FOLLOWED_RAW_TABLES.every((t) => built?.has(t) && sameMark(mark(built, t), mark(rawMarks, t)));
    const result = full
      ? { mode: 'full' as const, transactions: await buildServingTables(steps, raw, schema), days: 0, groups: 0, anomalyGroupsRescanned: 0 }
      : same
        ? { mode: 'unchanged' as const, transactions: 0, days: 0, groups: 0, anomalyGroupsRescanned: 0 }
        : await applyServingChanges(steps, raw, schema, {
            transactionsUs: mark(built!, 'transactions').syncedUs,
            accountsChanged: !sameMark(mark(built!, 'accounts'), mark(rawMarks, 'accounts')),
          });
    await recordMarks(steps, schema, rawMarks);
    await steps.run('commit', 'COMMIT');
    return { ...result, durationMs: performance.now() - started, steps: steps.timings };
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const sameMark = (a: RawSyncMark, b: RawSyncMark) => a.syncedUs === b.syncedUs && a.rows === b.rows;

/** refreshServingTables on the file at `path` (through this process' shared instance). */
export function refreshServingFile(path: string, options: RefreshServingOptions = {}): Promise<RefreshServingReport> {
  return withDuckDb(path, (db) => refreshServingTables(db, options));
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

async function recordMarks(steps: RefreshSteps, schema: string, marks: Map<string, RawSyncMark>): Promise<void> {
  await steps.run(
    'record RAW marks',
    `CREATE OR REPLACE TABLE ${q(schema)}.${q(SERVING_STATE_TABLE)} (table_name VARCHAR PRIMARY KEY, synced_us BIGINT NOT NULL, row_count BIGINT NOT NULL)`,
  );
  for (const table of FOLLOWED_RAW_TABLES) {
    const mark = marks.get(table) ?? { syncedUs: -1n, rows: 0n };
    await steps.run(`record ${table} mark`, `INSERT INTO ${q(schema)}.${q(SERVING_STATE_TABLE)} VALUES ($table, CAST($synced AS BIGINT), CAST($rows AS BIGINT))`, {
      table,
      synced: mark.syncedUs.toString(),
      rows: mark.rows.toString(),
    });
  }
}
