import type { DuckDBConnection } from '@duckdb/node-api';
import {
  candlesParamsSchema,
  comparisonParamsSchema,
  findSeedAsset,
  INDICATOR_COLUMNS,
  newsParamsSchema,
  type AssetClass,
  type BarIndicators,
  type BarInterval,
  type CandleRow,
  type Candles,
  type CandlesParams,
  type ComparisonParams,
  type ComparisonRow,
  type MarketAssetRow,
  type MarketReads,
  type MarketSeriesRow,
  type NewsParams,
  type NewsRow,
  type PriceComparison,
} from '@ledgerline/market-data';
import { AnalyticsDatabase, type AnalyticsDatabaseOptions } from '../analytics/analytics-database.ts';
import { NEWS_MENTIONS_TABLE, NEWS_TABLE } from './market-raw-ddl.ts';
import {
  candlesSql,
  COMPARISON_MART,
  comparisonSql,
  DEFAULT_MARKET_READ_SCHEMAS,
  INDICATOR_MART,
  newsSql,
  seriesLastOpensSql,
  seriesSummarySql,
  seriesSummaryTableSql,
  type MarketReadSchemas,
} from './market-read-sql.ts';
import { SERIES_SUMMARY_TABLE } from './market-series-summary.ts';
import { boundedFromMs } from './series-time-bound.ts';

export interface DuckDbMarketReadsOptions extends AnalyticsDatabaseOptions {
  readonly schemas?: MarketReadSchemas;
  /**
   * Read the asset list and each series' newest bar time from the RAW store's series summary
   * when the file has one (default true). `false` is the scan of every RAW table and unbounded
   * series reads: the same answers, slower; kept for files without the summary, and so the
   * benchmark and the equality spec can run both on one file.
   */
  readonly useSeriesSummary?: boolean;
}

/** What one opening of the file holds: the RAW price tables and which marts dbt has built. */
interface Layout {
  readonly generation: number;
  /** RAW price tables by source: market_<class>_prices_<source>. */
  readonly priceTables: ReadonlyMap<string, ReadonlyArray<{ table: string; assetClass: AssetClass }>>;
  readonly allPriceTables: readonly string[];
  readonly hasNews: boolean;
  /** The RAW store's per-series summary (market-series-summary.ts), and reads may use it. */
  readonly hasSummary: boolean;
  readonly hasIndicators: boolean;
  readonly hasComparison: boolean;
}

const PRICE_TABLE = /^market_(crypto|stock)_prices_([a-z0-9_]+)$/;
/** How long the series' newest bar times are reused (they only narrow a read; see lastOpens). */
const LAST_OPENS_TTL_MS = 2_000;
const NOT_BUILT = (mart: string) => `the dbt mart ${mart} is not built yet (it appears after the next dbt build of models/market)`;

/** "64177.660000000000000000" -> "64177.66"; "5.000" -> "5". */
export function trimDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
const decimal = (value: unknown) => trimDecimal(String(value));
const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const msOrNull = (instant: string | undefined) => (instant === undefined ? null : Date.parse(instant));
const distinctTimes = (rows: ReadonlyArray<Record<string, unknown>>) => new Set(rows.map((r) => Number(r.open_ms))).size;

/**
 * MarketReads on the warehouse DuckDB file, opened read-only (AnalyticsDatabase: other processes
 * read too, a writer is waited for, idle files are let go). Bars come from RAW, so the 1-minute
 * bars the stream lands are visible at once; indicators and the source comparison come from the
 * dbt marts and lag until the next dbt build.
 */
export class DuckDbMarketReads implements MarketReads {
  private readonly db: AnalyticsDatabase;
  private readonly schemas: MarketReadSchemas;
  private readonly useSeriesSummary: boolean;
  private layout: Layout | undefined;
  private lastOpensCache: { at: number; generation: number; map: ReadonlyMap<string, number> } | undefined;

  constructor(options: DuckDbMarketReadsOptions) {
    this.db = new AnalyticsDatabase(options);
    this.schemas = options.schemas ?? DEFAULT_MARKET_READ_SCHEMAS;
    this.useSeriesSummary = options.useSeriesSummary ?? true;
  }

  async assets(): Promise<MarketAssetRow[]> {
    return this.read(async (db, layout) => {
      if (layout.allPriceTables.length === 0) return [];
      const tables = [...layout.priceTables.values()].flat();
      const sql = layout.hasSummary ? seriesSummaryTableSql(this.schemas.raw, tables) : seriesSummarySql(this.schemas.raw, tables);
      const rows = (await db.runAndReadAll(sql)).getRowObjectsJS();
      const bySymbol = new Map<string, MarketSeriesRow[]>();
      const classes = new Map<string, AssetClass>();
      for (const row of rows) {
        const series: MarketSeriesRow = {
          source: String(row.source),
          interval: String(row.bar_interval) as BarInterval,
          bars: Number(row.bars),
          first_open_time: iso(row.first_ms),
          last_open_time: iso(row.last_ms),
          last_close: decimal(row.last_close),
        };
        const symbol = String(row.symbol);
        classes.set(symbol, row.asset_class === 'stock' ? 'stock' : 'crypto');
        bySymbol.set(symbol, [...(bySymbol.get(symbol) ?? []), series]);
      }
      return [...bySymbol.entries()].map(([symbol, series]) => {
        const seed = findSeedAsset(symbol);
        return {
          symbol,
          name: seed?.name ?? symbol,
          asset_class: seed?.assetClass ?? classes.get(symbol) ?? 'crypto',
          category: seed?.category ?? 'unknown',
          market_cap_usd: seed?.marketCapUsd ?? null,
          series,
        };
      });
    });
  }

  async candles(input: CandlesParams): Promise<Candles> {
    const p = candlesParamsSchema.parse(input);
    return this.read(async (db, layout) => {
      const tables = (layout.priceTables.get(p.source) ?? []).map((t) => t.table);
      const base = { symbol: p.symbol, source: p.source, interval: p.interval, indicators_missing: layout.hasIndicators ? null : NOT_BUILT(INDICATOR_MART) };
      if (tables.length === 0) return { ...base, bars: [] };
      const fromMs = msOrNull(p.from);
      const toMs = msOrNull(p.to);
      const read = (boundMs?: number) =>
        db.runAndReadAll(candlesSql(this.schemas, tables, layout.hasIndicators, boundMs), [p.source, p.symbol, p.interval, fromMs, toMs, p.limit]);
      const lastMs = layout.hasSummary ? (await this.lastOpens(db, layout)).get(`${p.source}|${p.symbol}|${p.interval}`) : undefined;
      const boundMs = boundedFromMs({ interval: p.interval, fromMs, toMs, limit: p.limit }, lastMs);
      let reader = await read(boundMs);
      // Fewer bars than asked within the bound: a gap or a sparse series; the unbounded read decides.
      if (boundMs !== undefined && reader.currentRowCount < p.limit) reader = await read();
      const bars = reader.getRowObjectsJS().map((row): CandleRow => {
        const indicators = Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, nullableNumber(row[c])])) as unknown as BarIndicators;
        return {
          open_time: iso(row.open_ms),
          open: decimal(row.open),
          high: decimal(row.high),
          low: decimal(row.low),
          close: decimal(row.close),
          volume: row.volume === null ? null : decimal(row.volume),
          quote_currency: String(row.quote_currency),
          ...indicators,
        };
      });
      return { ...base, bars };
    });
  }

  async comparison(input: ComparisonParams): Promise<PriceComparison> {
    const p = comparisonParamsSchema.parse(input);
    return this.read(async (db, layout) => {
      if (!layout.hasComparison) return { symbol: p.symbol, interval: p.interval, rows: [], missing: NOT_BUILT(COMPARISON_MART) };
      const fromMs = msOrNull(p.from);
      const toMs = msOrNull(p.to);
      const read = (boundMs?: number) => db.runAndReadAll(comparisonSql(this.schemas.marts, boundMs), [p.symbol, p.interval, fromMs, toMs, p.limit]);
      const lastMs = layout.hasSummary ? (await this.lastOpens(db, layout)).get(`*|${p.symbol}|${p.interval}`) : undefined;
      const boundMs = boundedFromMs({ interval: p.interval, fromMs, toMs, limit: p.limit }, lastMs);
      let reader = await read(boundMs);
      if (boundMs !== undefined && distinctTimes(reader.getRowObjectsJS()) < p.limit) reader = await read();
      const rows = new Map<number, { open_time: string; source_count: number; spread_bps: number | null; sources: Record<string, { close: string; deviation_bps: number | null }> }>();
      for (const row of reader.getRowObjectsJS()) {
        const ms = Number(row.open_ms);
        const entry = rows.get(ms) ?? { open_time: iso(ms), source_count: Number(row.source_count), spread_bps: nullableNumber(row.spread_bps), sources: {} };
        entry.sources[String(row.source)] = { close: decimal(row.close), deviation_bps: nullableNumber(row.deviation_bps) };
        rows.set(ms, entry);
      }
      return { symbol: p.symbol, interval: p.interval, rows: [...rows.values()] satisfies ComparisonRow[], missing: null };
    });
  }

  async news(input: NewsParams = {}): Promise<NewsRow[]> {
    const p = newsParamsSchema.parse(input);
    return this.read(async (db, layout) => {
      if (!layout.hasNews) return [];
      const range = [msOrNull(p.from), msOrNull(p.to), p.limit];
      const sql = newsSql(this.schemas.raw, NEWS_TABLE, NEWS_MENTIONS_TABLE, p.symbol !== undefined);
      const reader = await db.runAndReadAll(sql, p.symbol === undefined ? range : [p.symbol, ...range]);
      return reader.getRowObjectsJS().map((row) => ({
        source: String(row.source),
        article_id: String(row.article_id),
        published_at: iso(row.published_ms),
        title: String(row.title),
        summary: String(row.summary),
        url: row.url === null ? null : String(row.url),
        symbols: row.symbols === null ? [] : String(row.symbols).split(','),
      }));
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /**
   * Each series' newest bar time (`source|symbol|interval`, and `*|symbol|interval` across
   * sources), from the summary, reused for LAST_OPENS_TTL_MS so a series read is one query. A
   * stale time only widens the bound (bars newer than it are read anyway) and a bound that comes
   * short is read again without it, so staleness never changes an answer.
   */
  private async lastOpens(db: DuckDBConnection, layout: Layout): Promise<ReadonlyMap<string, number>> {
    const cached = this.lastOpensCache;
    if (cached && cached.generation === layout.generation && Date.now() - cached.at < LAST_OPENS_TTL_MS) return cached.map;
    const map = new Map<string, number>();
    for (const row of (await db.runAndReadAll(seriesLastOpensSql(this.schemas.raw, layout.allPriceTables))).getRowObjectsJS()) {
      const ms = Number(row.last_ms);
      const [series, across] = [`${String(row.source)}|${String(row.symbol)}|${String(row.bar_interval)}`, `*|${String(row.symbol)}|${String(row.bar_interval)}`];
      map.set(series, Math.max(ms, map.get(series) ?? ms));
      map.set(across, Math.max(ms, map.get(across) ?? ms));
    }
    this.lastOpensCache = { at: Date.now(), generation: layout.generation, map };
    return map;
  }

  private read<T>(work: (db: DuckDBConnection, layout: Layout) => Promise<T>): Promise<T> {
    return this.db.use(async (db, generation) => {
      // Tables appear as the market stage and dbt create them: look again on every opening.
      if (this.layout?.generation !== generation) this.layout = await this.detect(db, generation);
      return work(db, this.layout);
    });
  }

  private async detect(db: DuckDBConnection, generation: number): Promise<Layout> {
    const rows = (
      await db.runAndReadAll('SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ($1, $2)', [this.schemas.raw, this.schemas.marts])
    ).getRowObjectsJS();
    const has = (schema: string, name: string) => rows.some((r) => r.table_schema === schema && r.table_name === name);
    const priceTables = new Map<string, Array<{ table: string; assetClass: AssetClass }>>();
    const allPriceTables: string[] = [];
    for (const row of rows) {
      const match = row.table_schema === this.schemas.raw ? PRICE_TABLE.exec(String(row.table_name)) : null;
      if (!match) continue;
      const [table, assetClass, sourcePart] = match as unknown as [string, AssetClass, string];
      const source = sourcePart.replaceAll('_', '-');
      priceTables.set(source, [...(priceTables.get(source) ?? []), { table, assetClass }]);
      allPriceTables.push(table);
    }
    allPriceTables.sort();
    return {
      generation,
      priceTables,
      allPriceTables,
      hasNews: has(this.schemas.raw, NEWS_TABLE) && has(this.schemas.raw, NEWS_MENTIONS_TABLE),
      hasSummary: this.useSeriesSummary && has(this.schemas.raw, SERIES_SUMMARY_TABLE),
      hasIndicators: has(this.schemas.marts, INDICATOR_MART),
      hasComparison: has(this.schemas.marts, COMPARISON_MART),
    };
  }
}
