import type { DuckDBConnection } from '@duckdb/node-api';
import type { UpsertCounts } from '@ledgerline/market-data';
import { quoteIdentifier as q } from '../connection/sql-text.ts';

export interface StagedUpsert {
  /** Qualified target table. */
  target: string;
  keys: readonly string[];
  values: readonly string[];
  /** SQL type of a staged (VARCHAR) column in the target; absent = VARCHAR. */
  casts: Readonly<Record<string, string>>;
  origin: { recordSource: string; loadedAt: string };
}

/**
 * From the temp table `market_stage` (all VARCHAR, plus `seq`): the last staged row per key is
 * compared with the stored one and written only when new or different (IS DISTINCT FROM, so NULLs
 * compare as values and 1.50 equals 1.5). Returns the counts of each case and leaves the temp table
 * `market_compared` (each staged key once, typed, with `is_new` and `is_changed`) for the caller.
 * Call inside a transaction.
 */
export async function countAndUpsertSql(db: DuckDBConnection, spec: StagedUpsert): Promise<UpsertCounts> {
  const cast = (column: string) => (spec.casts[column] ? `CAST(${q(column)} AS ${spec.casts[column]})` : q(column));
  const columns = [...spec.keys, ...spec.values];
  await db.run(`CREATE OR REPLACE TEMP TABLE market_latest AS
    SELECT ${columns.map((c) => `${cast(c)} AS ${q(c)}`).join(', ')}
      FROM market_stage
   QUALIFY row_number() OVER (PARTITION BY ${spec.keys.map(q).join(', ')} ORDER BY seq DESC) = 1`);
  const join = spec.keys.map((k) => `t.${q(k)} = s.${q(k)}`).join(' AND ');
  const differs = spec.values.map((v) => `t.${q(v)} IS DISTINCT FROM s.${q(v)}`).join(' OR ');
  const firstKey = q(spec.keys[0] as string);
  // Compared once: the counts, the write and the caller's bookkeeping (the series summary) all
  // read this table, so the stored rows are joined a single time.
  await db.run(`CREATE OR REPLACE TEMP TABLE market_compared AS
    SELECT s.*, t.${firstKey} IS NULL AS is_new, t.${firstKey} IS NOT NULL AND (${differs}) AS is_changed
      FROM market_latest s LEFT JOIN ${spec.target} t ON ${join}`);
  const reader = await db.runAndReadAll(`
    SELECT count(*) FILTER (WHERE is_new) AS inserted, count(*) FILTER (WHERE is_changed) AS updated,
           count(*) FILTER (WHERE NOT is_new AND NOT is_changed) AS unchanged
      FROM market_compared`);
  const [row] = reader.getRowObjectsJS();
  await db.run(
    `INSERT INTO ${spec.target} (${columns.map(q).join(', ')}, record_source, loaded_at)
       SELECT ${columns.map(q).join(', ')}, $1, CAST($2 AS TIMESTAMP) FROM market_compared
       WHERE is_new OR is_changed
     ON CONFLICT (${spec.keys.map(q).join(', ')}) DO UPDATE SET ${[...spec.values, 'record_source', 'loaded_at'].map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`,
    [spec.origin.recordSource, spec.origin.loadedAt],
  );
  const staged = rowsOf(row);
  return staged;
}

function rowsOf(row: Record<string, unknown> | undefined): UpsertCounts {
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0), unchanged: Number(row?.unchanged ?? 0) };
}
