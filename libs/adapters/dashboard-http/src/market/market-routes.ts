import { findSeedAsset, type MarketAssetRow, type MarketEnvelope, type MarketReads } from '@ledgerline/market-data';
import { parseQuery } from '../dashboard-filters.ts';
import { badRequest, HttpError } from '../http-error.ts';
import { candlesQuerySchema, comparisonQuerySchema, MARKET_PARAMS, newsQuerySchema } from './market-query.ts';

/** How long one asset list is reused: every request checks its symbol against it. */
export const ASSETS_TTL_MS = 2_000;

/** Sources tried first when the page names none: the exchange, then the aggregator, then Yahoo. */
const SOURCE_PREFERENCE = ['binance', 'coingecko', 'yahoo'];

/**
 * The market page's API over MarketReads: assets, candles with indicators, the comparison across
 * sources and news. An unknown asset, a source without that asset or an interval it does not have
 * is a 400 naming what exists, never an empty chart that looks like "no trades".
 */
export class MarketApi {
  private cached: { at: number; value: Promise<MarketAssetRow[]> } | undefined;

  constructor(private readonly reads: MarketReads | undefined) {}

  async handle(path: string, method: string, query: URLSearchParams): Promise<MarketEnvelope<unknown>> {
    if (!(path in MARKET_PARAMS)) throw new HttpError(404, `no such endpoint: ${path}`);
    if (method !== 'GET') throw new HttpError(405, `${path} takes GET`);
    const allowed: readonly string[] = MARKET_PARAMS[path as keyof typeof MARKET_PARAMS];
    const unknown = [...new Set(query.keys())].filter((key) => !allowed.includes(key));
    if (unknown.length > 0) throw badRequest(`unknown parameter ${unknown.join(', ')} (allowed: ${allowed.join(', ') || 'none'})`);
    const reads = this.reads;
    if (!reads) throw new HttpError(503, 'market data is not available in this dashboard (no market reads configured)');
    const assets = await this.assets(reads);
    const latest = assets.flatMap((a) => a.series.map((s) => s.last_open_time)).sort().at(-1) ?? null;
    const data = await this.route(path, query, reads, assets);
    return { as_of: { latest_bar_at: latest }, data };
  }

  private async route(path: string, query: URLSearchParams, reads: MarketReads, assets: MarketAssetRow[]): Promise<unknown> {
    switch (path) {
      case '/api/market/assets':
        return assets;
      case '/api/market/candles': {
        const q = parseQuery(candlesQuerySchema, query);
        const asset = knownAsset(assets, q.symbol);
        const intervalSeries = asset.series.filter((s) => s.interval === q.interval);
        if (intervalSeries.length === 0) {
          throw badRequest(`${q.symbol} has no ${q.interval} bars (it has: ${[...new Set(asset.series.map((s) => s.interval))].join(', ')})`);
        }
        const sources = intervalSeries.map((s) => s.source);
        const source = q.source ?? [...SOURCE_PREFERENCE, ...sources].find((s) => sources.includes(s));
        if (!source || !sources.includes(source)) throw badRequest(`${q.symbol} has no ${q.interval} bars from ${q.source} (sources: ${sources.join(', ')})`);
        return reads.candles({ symbol: q.symbol, source, interval: q.interval, from: q.from, to: q.to, limit: q.limit });
      }
      case '/api/market/comparison': {
        const q = parseQuery(comparisonQuerySchema, query);
        knownAsset(assets, q.symbol);
        return reads.comparison({ symbol: q.symbol, interval: q.interval, from: q.from, to: q.to, limit: q.limit });
      }
      default: {
        const q = parseQuery(newsQuerySchema, query);
        // News may mention an asset with no prices here yet: any asset of the seed list is known.
        if (q.symbol && !findSeedAsset(q.symbol)) knownAsset(assets, q.symbol);
        return reads.news({ symbol: q.symbol, from: q.from, to: q.to, limit: q.limit });
      }
    }
  }

  private assets(reads: MarketReads): Promise<MarketAssetRow[]> {
    const at = Date.now();
    if (!this.cached || at - this.cached.at > ASSETS_TTL_MS) {
      const value = reads.assets();
      this.cached = { at, value };
      // A failed read is not kept: the next request asks again.
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
    }
    return this.cached.value;
  }
}

function knownAsset(assets: readonly MarketAssetRow[], symbol: string): MarketAssetRow {
  const asset = assets.find((a) => a.symbol === symbol);
  if (!asset) {
    const some = assets.slice(0, 8).map((a) => a.symbol).join(', ');
    throw badRequest(`unknown asset ${symbol}: no prices for it in the warehouse (known: ${some}${assets.length > 8 ? ', ...' : ''})`);
  }
  return asset;
}
