import type { Asset } from '../model/asset.ts';
import { STOCK_SESSION_MINUTES, STOCK_SESSION_OPEN_MINUTE, dayStartMs } from './calendar.ts';
import type { TrueDailyBar } from './daily-path.ts';
import { SeededRandom } from './seeded-random.ts';

export interface TrueMinuteBar {
  openMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * One day's minute bars: a Brownian bridge in log price from the day's open to its close, so the
 * intraday series ends where the daily bar does. (The daily high/low come from the daily process
 * and are not recomputed from the minutes; the two agree on open and close only.)
 */
export function minuteBarsOfDay(asset: Asset, seed: string, day: TrueDailyBar): TrueMinuteBar[] {
  const random = new SeededRandom(`${seed}|${asset.symbol}|minutes|${day.dayIndex}`);
  const stock = asset.assetClass === 'stock';
  const count = stock ? STOCK_SESSION_MINUTES : 1440;
  const firstMinute = stock ? STOCK_SESSION_OPEN_MINUTE : 0;
  const rangeSigma = Math.max(Math.log(day.high / day.low), 1e-6);
  const stepSigma = rangeSigma / (2 * Math.sqrt(count));
  const walk = new Float64Array(count + 1);
  for (let k = 1; k <= count; k++) walk[k] = (walk[k - 1] ?? 0) + stepSigma * random.normal();
  const endWalk = walk[count] ?? 0;
  const logOpen = Math.log(day.open);
  const logDrift = Math.log(day.close) - logOpen;
  const points = new Float64Array(count + 1);
  for (let k = 0; k <= count; k++) points[k] = Math.exp(logOpen + (k / count) * logDrift + (walk[k] ?? 0) - (k / count) * endWalk);

  // A U-shaped volume profile: busier at the open and close of the session.
  const weights = Array.from({ length: count }, (_, k) => (1 + 2 * Math.pow((2 * k) / count - 1, 2)) * Math.exp(0.5 * random.normal()));
  const weightTotal = weights.reduce((sum, w) => sum + w, 0);
  const start = dayStartMs(day.dayIndex) + firstMinute * 60_000;
  const bars: TrueMinuteBar[] = [];
  for (let k = 0; k < count; k++) {
    const open = points[k] ?? day.open;
    const close = points[k + 1] ?? day.close;
    const wick = Math.abs(random.normal()) * stepSigma * 0.5;
    bars.push({
      openMs: start + k * 60_000,
      open,
      close,
      high: Math.max(open, close) * Math.exp(wick),
      low: Math.min(open, close) * Math.exp(-wick),
      volume: (day.volume * (weights[k] ?? 1)) / weightTotal,
    });
  }
  return bars;
}

/** Minute bars merged into bars of `minutes` length (5 or 60), aligned to the minute grid. */
export function aggregateMinutes(bars: readonly TrueMinuteBar[], minutes: number): TrueMinuteBar[] {
  const groups = new Map<number, TrueMinuteBar[]>();
  const span = minutes * 60_000;
  for (const bar of bars) {
    const slot = Math.floor(bar.openMs / span) * span;
    const group = groups.get(slot);
    if (group) group.push(bar);
    else groups.set(slot, [bar]);
  }
  return [...groups.entries()].map(([openMs, group]) => ({
    openMs,
    open: group[0]?.open ?? 0,
    close: group[group.length - 1]?.close ?? 0,
    high: Math.max(...group.map((b) => b.high)),
    low: Math.min(...group.map((b) => b.low)),
    volume: group.reduce((sum, b) => sum + b.volume, 0),
  }));
}
