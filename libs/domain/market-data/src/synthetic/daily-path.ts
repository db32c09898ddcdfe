import type { Asset } from '../model/asset.ts';
import { dynamicsFor, type AssetDynamics } from './asset-dynamics.ts';
import { isWeekday } from './calendar.ts';
import { SeededRandom } from './seeded-random.ts';

/** The "true" daily bar of an asset, before any source's spread or delay. Floats stay inside the generator. */
export interface TrueDailyBar {
  dayIndex: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Geometric Brownian motion with Poisson jumps and mild mean reversion, one step per trading day
 * from the anchor day. Each day's draws come from a generator keyed by (seed, symbol, day), and
 * the path is extended lazily and cached, so any sub-range reads the same values.
 */
export class DailyPath {
  private readonly dynamics: AssetDynamics;
  private readonly bars: Array<TrueDailyBar | null> = [];
  private lastClose: number;

  constructor(
    private readonly asset: Asset,
    private readonly seed: string,
  ) {
    this.dynamics = dynamicsFor(asset, seed);
    this.lastClose = this.dynamics.initialPrice;
  }

  /** The bar of `dayIndex`, or null when the asset does not trade that day (stock weekend). */
  bar(dayIndex: number): TrueDailyBar | null {
    if (dayIndex < 0) throw new RangeError('synthetic series start on 2015-01-01');
    while (this.bars.length <= dayIndex) this.bars.push(this.step(this.bars.length));
    return this.bars[dayIndex] ?? null;
  }

  private step(dayIndex: number): TrueDailyBar | null {
    if (this.asset.assetClass === 'stock' && !isWeekday(dayIndex)) return null;
    const d = this.dynamics;
    const random = new SeededRandom(`${this.seed}|${this.asset.symbol}|day|${dayIndex}`);
    const dt = 1 / d.stepsPerYear;
    const dailySigma = d.volatility * Math.sqrt(dt);
    const open = this.lastClose * (d.pegged ? 1 : Math.exp(this.asset.assetClass === 'stock' ? 0.2 * dailySigma * random.normal() : 0));
    let close: number;
    if (d.pegged) {
      close = 1 + 0.0008 * random.normal();
    } else {
      const pull = -d.meanReversion * Math.log(open / d.initialPrice) * dt;
      const jump = random.chance(d.jumpChancePerDay) ? d.jumpMean + d.jumpSpread * random.normal() : 0;
      close = open * Math.exp((d.drift - (d.volatility * d.volatility) / 2) * dt + pull + dailySigma * random.normal() + jump);
    }
    const wickSigma = d.pegged ? 0.0005 : 0.5 * dailySigma;
    const high = Math.max(open, close) * Math.exp(Math.abs(random.normal()) * wickSigma);
    const low = Math.min(open, close) * Math.exp(-Math.abs(random.normal()) * wickSigma);
    const marketCap = Number(this.asset.marketCapUsd);
    const absReturn = Math.abs(Math.log(close / open));
    const volume = ((marketCap * d.dailyTurnover) / close) * Math.exp(0.35 * random.normal()) * (1 + 4 * absReturn);
    this.lastClose = close;
    return { dayIndex, open, high, low, close, volume };
  }
}
