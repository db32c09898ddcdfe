import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier as q } from '../connection/sql-text.ts';

/**
 * One row per price series (RAW table, source, symbol, interval): how many bars, the first and
 * last open_time and the last close. The market page's asset list (and each candle read's time
 * bound) comes from here instead of a GROUP BY over every RAW price table: that scan took 0.5 to
 * 1.7 s at the size (6.75M bars), this table holds ~300 rows.
 *
 * Kept by the RAW store in the same transaction as each price write (applySeriesDelta, from the
 * upsert's compared rows: new keys add to `bars`, the newest staged bar sets the last close when
 * it is at or after the stored last), and rebuilt from the table itself whenever the table is
 * rewritten (clustering) or the summary is first created over existing rows. Bars are never
 * deleted by the store; a table written past the store (SQL) needs DuckDbMarketRawStore.rebuildSeriesSummary().
 */
export const SERIES_SUMMARY_TABLE = 'market_series_summary';

export function createSeriesSummarySql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${q(schema)}.${SERIES_SUMMARY_TABLE} (
    table_name VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    symbol VARCHAR NOT NULL,
    bar_interval VARCHAR NOT NULL,
    bars BIGINT NOT NULL,
    first_open_time TIMESTAMP NOT NULL,
    last_open_time TIMESTAMP NOT NULL,
    last_close DECIMAL(38,18) NOT NULL,
    PRIMARY KEY (table_name, source, symbol, bar_interval))`;
}

/** Replaces the table's rows of the summary with a count over the table; call in a transaction. */
export async function recountSeriesSummary(db: DuckDBConnection, schema: string, table: string): Promise<void> {
  await db.run(`DELETE FROM ${q(schema)}.${SERIES_SUMMARY_TABLE} WHERE table_name = $1`, [table]);
  await db.run(
    `INSERT INTO ${q(schema)}.${SERIES_SUMMARY_TABLE}
     SELECT $1, source, symbol, bar_interval, count(*), min(open_time), max(open_time), arg_max(close, open_time)
       FROM ${q(schema)}.${q(table)} GROUP BY source, symbol, bar_interval`,
    [table],
  );
}

/**
 * Folds one upsert into the summary, from the temp table `market_compared` the upsert left
 * (every staged key once, typed, with `is_new`): after the upsert each staged key holds the
 * staged values, so the newest staged bar's close is the series' last close when that bar is at
 * or after the stored last one. Call in the upsert's transaction, after it.
 */
export async function applySeriesDelta(db: DuckDBConnection, schema: string, table: string): Promise<void> {
  await db.run(
    `INSERT INTO ${q(schema)}.${SERIES_SUMMARY_TABLE}
     SELECT $1, source, symbol, bar_interval, count(*) FILTER (WHERE is_new), min(open_time), max(open_time), arg_max(close, open_time)
       FROM market_compared GROUP BY source, symbol, bar_interval
     ON CONFLICT (table_name, source, symbol, bar_interval) DO UPDATE SET
       bars = bars + excluded.bars,
       first_open_time = least(first_open_time, excluded.first_open_time),
       last_close = CASE WHEN excluded.last_open_time >= last_open_time THEN excluded.last_close ELSE last_close END,
       last_open_time = greatest(last_open_time, excluded.last_open_time)`,
    [table],
  );
}
