import { compareDecimal } from '../model/decimal-string.ts';
import type { CandleRow, MarketAssetRow, MarketReads, MarketSeriesRow, NewsRow } from '../ports/market-reads.port.ts';
import { MARKET_METRIC_CATALOG, MarketMetricRefusal, type MarketMetricInput, type MarketMetricName } from './market-metric-catalog.ts';

const SOURCE_PREFERENCE = ['binance', 'coingecko', 'yahoo'];
const DAY_MS = 86_400_000;
const dayStart = (day: string) => `${day}T00:00:00.000Z`;
const dayEnd = (day: string) => new Date(Date.parse(dayStart(day)) + DAY_MS - 1).toISOString();

export interface ClosingPrice {
  readonly symbol: string;
  readonly name: string;
  readonly source: string;
  readonly day: string;
  readonly close: string;
  readonly quote_currency: string;
}

export interface IndicatorValue {
  readonly symbol: string;
  readonly name: string;
  readonly source: string;
  readonly indicator: string;
  readonly value: number;
  /** The bar the value belongs to (the newest bar the dbt mart has computed). */
  readonly open_time: string;
  /** The newest daily bar in RAW; later than open_time when dbt has not modelled it yet. */
  readonly newest_bar: string;
}

export interface Mover {
  readonly symbol: string;
  readonly name: string;
  readonly source: string;
  readonly first_open_time: string;
  readonly last_open_time: string;
  readonly open: string;
  readonly close: string;
  /** (close - open) / open, in percent. */
  readonly change_pct: number;
}

export interface TopMovers {
  readonly from: string;
  readonly to: string;
  readonly asset_class: string;
  readonly ranked: readonly Mover[];
  /** Of the N largest, those without a daily bar in the range. */
  readonly without_bars: readonly string[];
}

export interface MarketAsOf {
  readonly latest_bar_at: string | null;
  readonly assets: number;
}

export interface MarketMetricOutputs {
  marketAsOf: MarketAsOf;
  closingPrice: ClosingPrice;
  latestIndicator: IndicatorValue;
  topMovers: TopMovers;
  assetNews: NewsRow[];
}

function assetOf(assets: readonly MarketAssetRow[], symbol: string): MarketAssetRow {
  const asset = assets.find((a) => a.symbol === symbol);
  if (asset) return asset;
  const some = assets.slice(0, 6).map((a) => a.symbol).join(', ');
  throw new MarketMetricRefusal(`I have no prices for ${symbol}: it is not one of the ${assets.length} assets in the warehouse (for example ${some})`);
}

function dailySeries(asset: MarketAssetRow, source?: string): MarketSeriesRow {
  const daily = asset.series.filter((s) => s.interval === '1d');
  if (daily.length === 0) throw new MarketMetricRefusal(`${asset.symbol} has no daily bars in the warehouse yet`);
  const pick = source ? daily.find((s) => s.source === source) : [...SOURCE_PREFERENCE, ...daily.map((s) => s.source)].map((id) => daily.find((s) => s.source === id)).find(Boolean);
  if (!pick) throw new MarketMetricRefusal(`${asset.symbol} has no daily bars from ${source} (sources: ${daily.map((s) => s.source).join(', ')})`);
  return pick;
}

/** Runs one market metric; a MarketMetricRefusal says why there is no figure. */
export async function runMarketMetric<N extends MarketMetricName>(reads: MarketReads, name: N, input: MarketMetricInput<N>): Promise<MarketMetricOutputs[N]> {
  const assets = await reads.assets();
  const run = METRICS[name] as (reads: MarketReads, assets: MarketAssetRow[], params: unknown) => Promise<MarketMetricOutputs[N]>;
  return run(reads, assets, MARKET_METRIC_CATALOG[name].params.parse(input));
}

type Params<N extends MarketMetricName> = ReturnType<(typeof MARKET_METRIC_CATALOG)[N]['params']['parse']>;

const METRICS: { [N in MarketMetricName]: (reads: MarketReads, assets: MarketAssetRow[], params: Params<N>) => Promise<MarketMetricOutputs[N]> } = {
  async marketAsOf(_reads, assets) {
    const latest = assets.flatMap((a) => a.series.map((s) => s.last_open_time)).sort().at(-1) ?? null;
    return { latest_bar_at: latest, assets: assets.length };
  },

  async closingPrice(reads, assets, p) {
    const asset = assetOf(assets, p.symbol);
    const series = dailySeries(asset, p.source);
    const first = series.first_open_time.slice(0, 10);
    const last = series.last_open_time.slice(0, 10);
    if (p.day < first || p.day > last) {
      throw new MarketMetricRefusal(`there is no daily ${p.symbol} bar for ${p.day}: the ${series.source} series runs from ${first} to ${last}${p.day > last ? " (a day's bar exists once the day has closed)" : ''}`);
    }
    const { bars } = await reads.candles({ symbol: p.symbol, source: series.source, interval: '1d', from: dayStart(p.day), to: dayEnd(p.day), limit: 1 });
    const bar = bars[0];
    if (!bar) throw new MarketMetricRefusal(`there is no daily ${p.symbol} bar for ${p.day} from ${series.source} (${asset.asset_class === 'stock' ? 'no trading that day' : 'a gap in the series'})`);
    return { symbol: asset.symbol, name: asset.name, source: series.source, day: p.day, close: bar.close, quote_currency: bar.quote_currency };
  },

  async latestIndicator(reads, assets, p) {
    const asset = assetOf(assets, p.symbol);
    const series = dailySeries(asset);
    const candles = await reads.candles({ symbol: p.symbol, source: series.source, interval: '1d', limit: 400 });
    if (candles.indicators_missing) throw new MarketMetricRefusal(candles.indicators_missing);
    const valued = [...candles.bars].reverse().find((bar) => bar[p.indicator] !== null);
    const newest = candles.bars.at(-1);
    if (!valued || !newest) throw new MarketMetricRefusal(`${p.indicator} of ${p.symbol} has no value yet: the daily series has ${candles.bars.length} bars, fewer than its warm-up`);
    return { symbol: asset.symbol, name: asset.name, source: series.source, indicator: p.indicator, value: valued[p.indicator] as number, open_time: valued.open_time, newest_bar: newest.open_time };
  },

  async topMovers(reads, assets, p) {
    const largest = assets
      .filter((a) => a.asset_class === p.assetClass && a.market_cap_usd !== null)
      .sort((a, b) => compareDecimal(b.market_cap_usd as string, a.market_cap_usd as string) || a.symbol.localeCompare(b.symbol))
      .slice(0, p.top);
    if (largest.length === 0) throw new MarketMetricRefusal(`there are no ${p.assetClass} assets with prices in the warehouse`);
    const ranked: Mover[] = [];
    const without: string[] = [];
    for (const asset of largest) {
      const daily = asset.series.some((s) => s.interval === '1d') ? dailySeries(asset) : undefined;
      const bars: readonly CandleRow[] = daily ? (await reads.candles({ symbol: asset.symbol, source: daily.source, interval: '1d', from: dayStart(p.from), to: dayEnd(p.to), limit: 2000 })).bars : [];
      const first = bars[0];
      const last = bars.at(-1);
      if (!daily || !first || !last || Number(first.open) === 0) {
        without.push(asset.symbol);
        continue;
      }
      const change = ((Number(last.close) - Number(first.open)) / Number(first.open)) * 100;
      ranked.push({ symbol: asset.symbol, name: asset.name, source: daily.source, first_open_time: first.open_time, last_open_time: last.open_time, open: first.open, close: last.close, change_pct: change });
    }
    ranked.sort((a, b) => b.change_pct - a.change_pct || a.symbol.localeCompare(b.symbol));
    if (ranked.length === 0) throw new MarketMetricRefusal(`none of the ${largest.length} largest ${p.assetClass} assets has a daily bar between ${p.from} and ${p.to}`);
    return { from: p.from, to: p.to, asset_class: p.assetClass, ranked, without_bars: without };
  },

  async assetNews(reads, assets, p) {
    assetOf(assets, p.symbol);
    return reads.news({ symbol: p.symbol, from: dayStart(p.from), to: dayEnd(p.to), limit: p.limit });
  },
};
