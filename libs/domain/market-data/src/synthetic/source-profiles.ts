import type { AssetClass } from '../model/asset.ts';
import type { BarInterval, SourceId } from '../model/price-bar.ts';

/**
 * How one synthetic stand-in differs from the "true" series, so that sources disagree the way real
 * ones do: a small multiplicative spread (each bar drawn afresh), a reporting delay (the source's
 * bar at T carries the true values of an earlier bar) and its own share of the traded volume.
 */
export interface SyntheticSourceProfile {
  id: SourceId;
  quoteCurrency: string;
  assetClasses: readonly AssetClass[];
  intervals: readonly BarInterval[];
  spreadBps: number;
  delayMs: number;
  volumeShare: number;
}

export const SYNTHETIC_SOURCE_PROFILES: readonly SyntheticSourceProfile[] = [
  { id: 'binance', quoteCurrency: 'USDT', assetClasses: ['crypto'], intervals: ['1m', '5m', '1h', '1d'], spreadBps: 2, delayMs: 0, volumeShare: 0.35 },
  { id: 'coingecko', quoteCurrency: 'USD', assetClasses: ['crypto'], intervals: ['5m', '1h', '1d'], spreadBps: 8, delayMs: 60_000, volumeShare: 1 },
  { id: 'yahoo', quoteCurrency: 'USD', assetClasses: ['crypto', 'stock'], intervals: ['1m', '5m', '1h', '1d'], spreadBps: 5, delayMs: 120_000, volumeShare: 0.6 },
];
