import { INDICATOR_COLUMNS } from '@ledgerline/market-data';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { SERIES_SUMMARY_TABLE } from './market-series-summary.ts';
import { timestampLiteral } from './series-time-bound.ts';

/** Where the reads look: RAW (written by the market stage) and the dbt marts. */
export interface MarketReadSchemas {
  readonly raw: string;
  readonly marts: string;
}

export const DEFAULT_MARKET_READ_SCHEMAS: MarketReadSchemas = { raw: 'raw', marts: 'marts' };

export const INDICATOR_MART = 'mart_asset_indicators';
export const COMPARISON_MART = 'fct_asset_price_comparison';

/** Decimals as text, so no digit goes through a float ("64177.660000000000000000"; trimmed later). */
const text = (column: string) => `CAST(${column} AS VARCHAR)`;

/** Per (source, symbol, interval) series of every RAW price table: what the asset picker lists. */
export function seriesSummarySql(rawSchema: string, tables: ReadonlyArray<{ table: string; assetClass: string }>): string {
  const parts = tables.map(
    ({ table, assetClass }) => `SELECT '${assetClass === 'stock' ? 'stock' : 'crypto'}' AS asset_class, source, symbol, bar_interval, count(*) AS bars, epoch_ms(min(open_time)) AS first_ms, epoch_ms(max(open_time)) AS last_ms,
       ${text('arg_max(close, open_time)')} AS last_close
      FROM ${q(rawSchema)}.${q(table)} GROUP BY source, symbol, bar_interval`,
  );
  return `${parts.join('\nUNION ALL\n')}\nORDER BY symbol, last_ms DESC, source, bar_interval`;
}

/** The same rows as seriesSummarySql, from the summary the RAW store keeps (market-series-summary.ts). */
export function seriesSummaryTableSql(rawSchema: string, tables: ReadonlyArray<{ table: string; assetClass: string }>): string {
  const classes = tables.map(({ table, assetClass }) => `('${table}', '${assetClass === 'stock' ? 'stock' : 'crypto'}')`).join(', ');
  return `SELECT c.asset_class, s.source, s.symbol, s.bar_interval, s.bars, epoch_ms(s.first_open_time) AS first_ms, epoch_ms(s.last_open_time) AS last_ms,
       ${text('s.last_close')} AS last_close
      FROM ${q(rawSchema)}.${SERIES_SUMMARY_TABLE} AS s JOIN (VALUES ${classes}) AS c(table_name, asset_class) USING (table_name)
     ORDER BY s.symbol, last_ms DESC, s.source, s.bar_interval`;
}

/** Every series' newest open_time (epoch ms) by the summary, over the given tables. */
export function seriesLastOpensSql(rawSchema: string, tables: readonly string[]): string {
  return `SELECT source, symbol, bar_interval, epoch_ms(max(last_open_time)) AS last_ms FROM ${q(rawSchema)}.${SERIES_SUMMARY_TABLE}
     WHERE table_name IN (${tables.map((t) => `'${t}'`).join(', ')}) GROUP BY source, symbol, bar_interval`;
}

/** `AND <column> >= <literal>` for a lower bound, or nothing. */
const lowerBound = (column: string, boundMs: number | undefined) => (boundMs === undefined ? '' : ` AND ${column} >= ${timestampLiteral(boundMs)}`);

/**
 * The newest `limit` bars of one series in [from, to] (params $1 source, $2 symbol, $3 interval,
 * $4 from ms or NULL, $5 to ms or NULL, $6 limit), oldest first, with the mart's indicators when
 * the mart exists.
 */
export function candlesSql(schemas: MarketReadSchemas, tables: readonly string[], withIndicators: boolean, boundMs?: number): string {
  const union = tables
    .map(
      (table) => `SELECT open_time, quote_currency, open, high, low, close, volume FROM ${q(schemas.raw)}.${q(table)}
        WHERE source = $1 AND symbol = $2 AND bar_interval = $3
          AND ($4::BIGINT IS NULL OR open_time >= make_timestamp($4::BIGINT * 1000))
          AND ($5::BIGINT IS NULL OR open_time <= make_timestamp($5::BIGINT * 1000))${lowerBound('open_time', boundMs)}`,
    )
    .join('\nUNION ALL\n');
  const indicators = withIndicators
    ? INDICATOR_COLUMNS.map((c) => `i.${q(c)}`).join(', ')
    : INDICATOR_COLUMNS.map((c) => `NULL::DOUBLE AS ${q(c)}`).join(', ');
  const join = withIndicators
    ? `LEFT JOIN ${q(schemas.marts)}.${q(INDICATOR_MART)} AS i
         ON i.source = $1 AND i.symbol = $2 AND i.bar_interval = $3 AND i.open_time = b.open_time`
    : '';
  return `WITH b AS (SELECT * FROM (${union}) ORDER BY open_time DESC LIMIT $6)
    SELECT epoch_ms(b.open_time) AS open_ms, b.quote_currency, ${text('b.open')} AS open, ${text('b.high')} AS high, ${text('b.low')} AS low,
           ${text('b.close')} AS close, ${text('b.volume')} AS volume, ${indicators}
      FROM b ${join}
     ORDER BY b.open_time`;
}

/** The newest `limit` bar times of one asset across sources ($1 symbol, $2 interval, $3/$4 range ms, $5 limit). */
export function comparisonSql(martsSchema: string, boundMs?: number): string {
  const mart = `${q(martsSchema)}.${q(COMPARISON_MART)}`;
  return `WITH times AS (
      SELECT DISTINCT open_time FROM ${mart}
       WHERE symbol = $1 AND bar_interval = $2
         AND ($3::BIGINT IS NULL OR open_time >= make_timestamp($3::BIGINT * 1000))
         AND ($4::BIGINT IS NULL OR open_time <= make_timestamp($4::BIGINT * 1000))${lowerBound('open_time', boundMs)}
       ORDER BY open_time DESC LIMIT $5)
    SELECT epoch_ms(c.open_time) AS open_ms, c.source, ${text('c.close_price')} AS close, c.source_count, c.deviation_bps, c.spread_bps
      FROM ${mart} AS c JOIN times USING (open_time)
     WHERE c.symbol = $1 AND c.bar_interval = $2${lowerBound('c.open_time', boundMs)}
     ORDER BY c.open_time, c.source`;
}

/**
 * Articles, newest first, with the assets each mentions ($1 symbol, only when `bySymbol`; $2/$3
 * range ms, $4 limit). The asset filter is a join, not a correlated EXISTS: DuckDB runs the join
 * as one hash join, the EXISTS per article (7x slower on five years of news).
 */
export function newsSql(rawSchema: string, newsTable: string, mentionsTable: string, bySymbol: boolean): string {
  const news = `${q(rawSchema)}.${q(newsTable)}`;
  const mentions = `${q(rawSchema)}.${q(mentionsTable)}`;
  const param = (n: number) => `$${bySymbol ? n : n - 1}`;
  return `WITH picked AS (
      SELECT n.source, n.article_id, n.published_at, n.title, n.summary, n.url FROM ${news} AS n
      ${bySymbol ? `JOIN ${mentions} AS f ON f.source = n.source AND f.article_id = n.article_id AND f.symbol = $1` : ''}
       WHERE (${param(2)}::BIGINT IS NULL OR n.published_at >= make_timestamp(${param(2)}::BIGINT * 1000))
         AND (${param(3)}::BIGINT IS NULL OR n.published_at <= make_timestamp(${param(3)}::BIGINT * 1000))
       ORDER BY n.published_at DESC, n.source, n.article_id LIMIT ${param(4)})
    SELECT p.source, p.article_id, epoch_ms(p.published_at) AS published_ms, p.title, p.summary, p.url,
           string_agg(m.symbol, ',' ORDER BY m.symbol) AS symbols
      FROM picked AS p LEFT JOIN ${mentions} AS m ON m.source = p.source AND m.article_id = p.article_id
     GROUP BY p.source, p.article_id, p.published_at, p.title, p.summary, p.url
     ORDER BY p.published_at DESC, p.source, p.article_id`;
}
