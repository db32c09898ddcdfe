import { SEED_ASSETS } from '../assets/seed-assets.ts';
import type { Asset, AssetSymbol } from '../model/asset.ts';
import type { BarInterval } from '../model/price-bar.ts';
import { dayIndexOf, dayStartMs } from './calendar.ts';
import { DailyPath } from './daily-path.ts';
import { aggregateMinutes, minuteBarsOfDay, type TrueMinuteBar } from './intraday-path.ts';

const INTRADAY_MINUTES: Partial<Record<BarInterval, number>> = { '1m': 1, '5m': 5, '1h': 60 };
const CACHED_DAYS = 512;

/** The underlying ("true") price series of every seed asset for one seed, shared by all stand-in sources. */
export class TrueSeries {
  private readonly paths = new Map<AssetSymbol, DailyPath>();
  private readonly minuteCache = new Map<string, TrueMinuteBar[]>();
  private readonly bySymbol: ReadonlyMap<AssetSymbol, Asset>;

  constructor(
    readonly seed: string,
    readonly assets: readonly Asset[] = SEED_ASSETS,
  ) {
    this.bySymbol = new Map(assets.map((asset) => [asset.symbol, asset]));
  }

  asset(symbol: AssetSymbol): Asset | undefined {
    return this.bySymbol.get(symbol);
  }

  /** Bars with openMs in [fromMs, toMs). */
  bars(asset: Asset, interval: BarInterval, fromMs: number, toMs: number): TrueMinuteBar[] {
    if (toMs <= fromMs) return [];
    const firstDay = dayIndexOf(fromMs);
    const lastDay = dayIndexOf(toMs - 1);
    const out: TrueMinuteBar[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      for (const bar of this.barsOfDay(asset, interval, day)) if (bar.openMs >= fromMs && bar.openMs < toMs) out.push(bar);
    }
    return out;
  }

  private barsOfDay(asset: Asset, interval: BarInterval, dayIndex: number): TrueMinuteBar[] {
    const daily = this.path(asset).bar(dayIndex);
    if (!daily) return [];
    if (interval === '1d' || interval === '24h') {
      return [{ openMs: dayStartMs(dayIndex), open: daily.open, high: daily.high, low: daily.low, close: daily.close, volume: daily.volume }];
    }
    const minutes = INTRADAY_MINUTES[interval] ?? 1;
    const key = `${asset.symbol}|${dayIndex}`;
    let minuteBars = this.minuteCache.get(key);
    if (!minuteBars) {
      minuteBars = minuteBarsOfDay(asset, this.seed, daily);
      if (this.minuteCache.size >= CACHED_DAYS) this.minuteCache.delete(this.minuteCache.keys().next().value as string);
      this.minuteCache.set(key, minuteBars);
    }
    return minutes === 1 ? minuteBars : aggregateMinutes(minuteBars, minutes);
  }

  private path(asset: Asset): DailyPath {
    let path = this.paths.get(asset.symbol);
    if (!path) {
      path = new DailyPath(asset, this.seed);
      this.paths.set(asset.symbol, path);
    }
    return path;
  }
}
