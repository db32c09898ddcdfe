import type { AssetClass, SourceId } from '@ledgerline/market-data';
import { quoteIdentifier as q } from '../connection/sql-text.ts';

/**
 * Exact numerics for prices and volumes: 20 integer and 18 fractional digits hold a SHIB price
 * (0.00001234) and a BTC quote volume (1480364239.798123) alike, on DuckDB and Snowflake.
 */
export const MARKET_DECIMAL = 'DECIMAL(38,18)';
export const MAX_FRACTION_DIGITS = 18;
export const MAX_INTEGER_DIGITS = 20;

/** RAW price tables, one per source and asset class: raw.market_crypto_prices_binance, raw.market_stock_prices_yahoo. */
export function priceTableName(source: SourceId, assetClass: AssetClass): string {
  return `market_${assetClass}_prices_${source.replaceAll('-', '_')}`;
}

export const NEWS_TABLE = 'market_news';
export const NEWS_MENTIONS_TABLE = 'market_news_mentions';
export const QUARANTINE_TABLE = 'market_quarantine';
export const SOURCE_RUNS_TABLE = 'market_source_runs';

export const PRICE_VALUE_COLUMNS = ['close_time', 'quote_currency', 'open', 'high', 'low', 'close', 'volume', 'quote_volume'] as const;

export function createPriceTableSql(schema: string, table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${q(schema)}.${q(table)} (
    source VARCHAR NOT NULL,
    symbol VARCHAR NOT NULL,
    bar_interval VARCHAR NOT NULL,
    open_time TIMESTAMP NOT NULL,
    close_time TIMESTAMP NOT NULL,
    quote_currency VARCHAR NOT NULL,
    open ${MARKET_DECIMAL} NOT NULL,
    high ${MARKET_DECIMAL} NOT NULL,
    low ${MARKET_DECIMAL} NOT NULL,
    close ${MARKET_DECIMAL} NOT NULL,
    volume ${MARKET_DECIMAL},
    quote_volume ${MARKET_DECIMAL},
    record_source VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (source, symbol, bar_interval, open_time)
  )`;
}

/** The RAW price tables dbt reads (models/market/staging/_market__sources.yml): created up front, so a source that never answered is an empty table, not a missing one. */
export const STANDARD_PRICE_TABLES = [
  priceTableName('binance', 'crypto'),
  priceTableName('coingecko', 'crypto'),
  priceTableName('yahoo', 'crypto'),
  priceTableName('yahoo', 'stock'),
];

export function createSupportTablesSql(schema: string): string[] {
  const s = q(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    ...STANDARD_PRICE_TABLES.map((table) => createPriceTableSql(schema, table)),
    `CREATE TABLE IF NOT EXISTS ${s}.${NEWS_TABLE} (
      source VARCHAR NOT NULL, article_id VARCHAR NOT NULL, published_at TIMESTAMP NOT NULL,
      title VARCHAR NOT NULL, summary VARCHAR NOT NULL, url VARCHAR,
      record_source VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
      PRIMARY KEY (source, article_id))`,
    `CREATE TABLE IF NOT EXISTS ${s}.${NEWS_MENTIONS_TABLE} (
      source VARCHAR NOT NULL, article_id VARCHAR NOT NULL, symbol VARCHAR NOT NULL,
      record_source VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
      PRIMARY KEY (source, article_id, symbol))`,
    `CREATE TABLE IF NOT EXISTS ${s}.${QUARANTINE_TABLE} (
      source VARCHAR NOT NULL, endpoint VARCHAR NOT NULL, field VARCHAR NOT NULL, reason VARCHAR NOT NULL,
      received_at TIMESTAMP NOT NULL, raw_body VARCHAR NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.${SOURCE_RUNS_TABLE} (
      source VARCHAR NOT NULL, record_source VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP NOT NULL,
      outcome VARCHAR NOT NULL, bars BIGINT NOT NULL, news BIGINT NOT NULL, quarantined BIGINT NOT NULL, error VARCHAR)`,
  ];
}
