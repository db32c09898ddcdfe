import type { DuckDBConnection } from '@duckdb/node-api';
import {
  SEED_ASSETS,
  type AssetClass,
  type NewsArticle,
  type PriceBar,
  type QuarantineReport,
  type RecordOrigin,
  type MarketRawStore,
  type SourceId,
  type SourceRunRecord,
  type SourceStatus,
  type UpsertCounts,
} from '@ledgerline/market-data';
import { leaseDuckDb, type DuckDbLease } from '../connection/shared-instances.ts';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import {
  NEWS_MENTIONS_TABLE,
  NEWS_TABLE,
  PRICE_VALUE_COLUMNS,
  QUARANTINE_TABLE,
  SOURCE_RUNS_TABLE,
  createPriceTableSql,
  createSupportTablesSql,
  priceTableName,
} from './market-raw-ddl.ts';
import {
  clusterPriceTable,
  createClusteringStateSql,
  DEFAULT_CLUSTERING_POLICY,
  needsClustering,
  noteInsertedRows,
  type ClusteringPolicy,
} from './price-table-clustering.ts';
import { applySeriesDelta, createSeriesSummarySql, recountSeriesSummary, SERIES_SUMMARY_TABLE } from './market-series-summary.ts';
import { readQuarantined, readSourceStatus } from './source-bookkeeping-reads.ts';
import { countAndUpsertSql } from './upsert-sql.ts';
import { checkFits } from './price-bar-fits.ts';

export interface DuckDbMarketRawStoreOptions {
  /** The warehouse file (WAREHOUSE_DUCKDB_PATH). */
  path: string;
  schema?: string;
  /** Which RAW table a symbol's bars go to; the seed list by default. */
  assetClassOf?: (symbol: string) => AssetClass | undefined;
  /**
   * When a price table is rewritten in series order after writes (price-table-clustering.ts says
   * why); `false` never (clusterPriceTables() still does on demand). Default: DEFAULT_CLUSTERING_POLICY.
   */
  clustering?: ClusteringPolicy | false;
}

const seedClasses = new Map(SEED_ASSETS.map((a) => [a.symbol, a.assetClass]));
const toSql = (instant: string) => instant.replace('T', ' ').replace('Z', '');

/**
 * The RAW layer of market data in the DuckDB warehouse. Each write runs in one transaction on
 * the process's shared instance of the file; close() frees the file for dbt.
 */
export class DuckDbMarketRawStore implements MarketRawStore {
  readonly path: string;
  private readonly schema: string;
  private readonly assetClassOf: (symbol: string) => AssetClass | undefined;
  private lease: Promise<DuckDbLease> | undefined;
  private readonly ensuredTables = new Set<string>();

  constructor(private readonly options: DuckDbMarketRawStoreOptions) {
    this.path = options.path;
    this.schema = options.schema ?? 'raw';
    this.assetClassOf = options.assetClassOf ?? ((symbol) => seedClasses.get(symbol));
  }

  async upsertBars(bars: readonly PriceBar[], origin: RecordOrigin): Promise<UpsertCounts> {
    const byTable = new Map<string, PriceBar[]>();
    for (const bar of bars) {
      checkFits(bar);
      const assetClass = this.assetClassOf(bar.symbol);
      if (!assetClass) throw new RangeError(`unknown asset ${bar.symbol}: not in the asset list, no RAW table to hold it`);
      const table = priceTableName(bar.source, assetClass);
      byTable.set(table, [...(byTable.get(table) ?? []), bar]);
    }
    const total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const grown: string[] = [];
    for (const [table, rows] of byTable) {
      const counts = await this.transaction(async (db) => {
        await this.ensurePriceTable(db, table);
        await db.run(`CREATE OR REPLACE TEMP TABLE market_stage (seq BIGINT, source VARCHAR, symbol VARCHAR, bar_interval VARCHAR, open_time VARCHAR, close_time VARCHAR, quote_currency VARCHAR, open VARCHAR, high VARCHAR, low VARCHAR, close VARCHAR, volume VARCHAR, quote_volume VARCHAR)`);
        const appender = await db.createAppender('market_stage');
        try {
          rows.forEach((bar, seq) => {
            appender.appendBigInt(BigInt(seq));
            for (const value of [bar.source, bar.symbol, bar.interval, toSql(bar.openTime), toSql(bar.closeTime), bar.quoteCurrency, bar.open, bar.high, bar.low, bar.close]) appender.appendVarchar(value);
            for (const value of [bar.volume, bar.quoteVolume]) {
              if (value === null) appender.appendNull();
              else appender.appendVarchar(value);
            }
            appender.endRow();
          });
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        const counts = await countAndUpsertSql(db, {
          target: `${q(this.schema)}.${q(table)}`,
          keys: ['source', 'symbol', 'bar_interval', 'open_time'],
          values: [...PRICE_VALUE_COLUMNS],
          casts: { open_time: 'TIMESTAMP', close_time: 'TIMESTAMP', open: 'DECIMAL(38,18)', high: 'DECIMAL(38,18)', low: 'DECIMAL(38,18)', close: 'DECIMAL(38,18)', volume: 'DECIMAL(38,18)', quote_volume: 'DECIMAL(38,18)' },
          origin: { recordSource: origin.recordSource, loadedAt: toSql(origin.loadedAt) },
        });
        await noteInsertedRows(db, this.schema, table, counts.inserted);
        await applySeriesDelta(db, this.schema, table);
        return counts;
      });
      if (counts.inserted > 0) grown.push(table);
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
    }
    // After the writes committed: a failed rewrite leaves them (and the old order) in place.
    const policy = this.options.clustering ?? DEFAULT_CLUSTERING_POLICY;
    if (policy !== false) {
      const db = await this.connection();
      for (const table of grown) if (await needsClustering(db, this.schema, table, policy)) await clusterPriceTable(db, this.schema, table);
    }
    return total;
  }

  /** Rewrites every RAW price table in series order now (the benchmark's RAW is written by SQL, past the counters). */
  async clusterPriceTables(): Promise<Record<string, number>> {
    const db = await this.connection();
    const rewritten: Record<string, number> = {};
    for (const table of await this.priceTables(db)) rewritten[table] = await clusterPriceTable(db, this.schema, table);
    return rewritten;
  }

  private async priceTables(db: DuckDBConnection): Promise<string[]> {
    const rows = (
      await db.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND regexp_matches(table_name, '^market_(crypto|stock)_prices_[a-z0-9_]+$') ORDER BY 1`, [
        this.schema,
      ])
    ).getRowObjectsJS();
    return rows.map((r) => String(r.table_name));
  }

  /**
   * Recounts the series summary of every RAW price table from the tables themselves (the
   * benchmark's RAW is written by SQL, past the store's bookkeeping).
   */
  async rebuildSeriesSummary(): Promise<void> {
    await this.recountSeriesSummaries(await this.connection(), { create: false });
  }

  async upsertNews(articles: readonly NewsArticle[], origin: RecordOrigin): Promise<UpsertCounts> {
    if (articles.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    return this.transaction(async (db) => {
      await db.run(`CREATE OR REPLACE TEMP TABLE market_stage (seq BIGINT, source VARCHAR, article_id VARCHAR, published_at VARCHAR, title VARCHAR, summary VARCHAR, url VARCHAR)`);
      const appender = await db.createAppender('market_stage');
      try {
        articles.forEach((a, seq) => {
          appender.appendBigInt(BigInt(seq));
          for (const value of [a.source, a.articleId, toSql(a.publishedAt), a.title, a.summary]) appender.appendVarchar(value);
          if (a.url === null) appender.appendNull();
          else appender.appendVarchar(a.url);
          appender.endRow();
        });
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      const loaded = { recordSource: origin.recordSource, loadedAt: toSql(origin.loadedAt) };
      const counts = await countAndUpsertSql(db, {
        target: `${q(this.schema)}.${NEWS_TABLE}`,
        keys: ['source', 'article_id'],
        values: ['published_at', 'title', 'summary', 'url'],
        casts: { published_at: 'TIMESTAMP' },
        origin: loaded,
      });
      // Mentions are a set per article: replace the set of every article in this batch.
      await db.run(`DELETE FROM ${q(this.schema)}.${NEWS_MENTIONS_TABLE} WHERE (source, article_id) IN (SELECT source, article_id FROM market_stage)`);
      const mentions = articles.flatMap((a) => [...new Set(a.symbols)].map((symbol) => [a.source, a.articleId, symbol]));
      if (mentions.length > 0) {
        await db.run(`CREATE OR REPLACE TEMP TABLE market_mentions (source VARCHAR, article_id VARCHAR, symbol VARCHAR)`);
        const mentionAppender = await db.createAppender('market_mentions');
        try {
          for (const row of mentions) {
            for (const value of row) mentionAppender.appendVarchar(value as string);
            mentionAppender.endRow();
          }
          mentionAppender.flushSync();
        } finally {
          mentionAppender.closeSync();
        }
        await db.run(
          `INSERT INTO ${q(this.schema)}.${NEWS_MENTIONS_TABLE} SELECT DISTINCT source, article_id, symbol, $1, CAST($2 AS TIMESTAMP) FROM market_mentions`,
          [loaded.recordSource, loaded.loadedAt],
        );
      }
      return counts;
    });
  }

  async recordQuarantine(reports: readonly QuarantineReport[]): Promise<void> {
    if (reports.length === 0) return;
    await this.transaction(async (db) => {
      for (const r of reports) {
        await db.run(`INSERT INTO ${q(this.schema)}.${QUARANTINE_TABLE} VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP), $6)`, [r.source, r.endpoint, r.field, r.reason, toSql(r.receivedAt), r.rawBody]);
      }
    });
  }

  async recordSourceRun(run: SourceRunRecord): Promise<void> {
    await this.transaction(async (db) => {
      await db.run(`INSERT INTO ${q(this.schema)}.${SOURCE_RUNS_TABLE} VALUES ($1, $2, CAST($3 AS TIMESTAMP), CAST($4 AS TIMESTAMP), $5, $6, $7, $8, $9)`, [
        run.source,
        run.recordSource,
        toSql(run.startedAt),
        toSql(run.finishedAt),
        run.outcome,
        run.bars,
        run.news,
        run.quarantined,
        run.error,
      ]);
    });
  }

  async sourceStatus(): Promise<SourceStatus[]> {
    return readSourceStatus(await this.connection(), this.schema);
  }

  async quarantined(source?: SourceId): Promise<QuarantineReport[]> {
    return readQuarantined(await this.connection(), this.schema, source);
  }

  /** Releases the file (dbt, another process, can open it afterwards). */
  async close(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    this.ensuredTables.clear();
    if (lease) (await lease).release();
  }

  private async transaction<T>(work: (db: DuckDBConnection) => Promise<T>, on?: DuckDBConnection): Promise<T> {
    const db = on ?? (await this.connection());
    await db.run('BEGIN TRANSACTION');
    try {
      const result = await work(db);
      await db.run('COMMIT');
      return result;
    } catch (error) {
      await db.run('ROLLBACK');
      throw error;
    }
  }

  private async ensurePriceTable(db: DuckDBConnection, table: string): Promise<void> {
    if (this.ensuredTables.has(table)) return;
    await db.run(createPriceTableSql(this.schema, table));
    this.ensuredTables.add(table);
  }

  /** A file from before the summary existed gets it counted from its RAW tables, once. */
  private async ensureSeriesSummary(db: DuckDBConnection): Promise<void> {
    const existing = await db.runAndReadAll('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [this.schema, SERIES_SUMMARY_TABLE]);
    if (existing.getRowObjectsJS().length > 0) return;
    await this.recountSeriesSummaries(db, { create: true });
  }

  /** Every price table's series counted again from its rows, in one transaction (creating the summary table first when asked). */
  private async recountSeriesSummaries(db: DuckDBConnection, { create }: { create: boolean }): Promise<void> {
    const tables = await this.priceTables(db);
    await this.transaction(async (tx) => {
      if (create) await tx.run(createSeriesSummarySql(this.schema));
      for (const table of tables) await recountSeriesSummary(tx, this.schema, table);
    }, db);
  }

  private async connection(): Promise<DuckDBConnection> {
    if (!this.lease) {
      this.lease = leaseDuckDb(this.options.path).then(async (lease) => {
        const db = lease.connection;
        for (const sql of createSupportTablesSql(this.schema)) await db.run(sql);
        await db.run(createClusteringStateSql(this.schema));
        await this.ensureSeriesSummary(db);
        return lease;
      });
      this.lease.catch(() => (this.lease = undefined));
    }
    return (await this.lease).connection;
  }
}
