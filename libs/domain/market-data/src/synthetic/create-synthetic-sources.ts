import { SEED_ASSETS } from '../assets/seed-assets.ts';
import type { Asset } from '../model/asset.ts';
import type { MarketDataSource } from '../ports/market-data-source.port.ts';
import { SYNTHETIC_SOURCE_PROFILES } from './source-profiles.ts';
import { SyntheticMarketSource } from './synthetic-market-source.ts';
import { SyntheticNewsSource } from './synthetic-news-source.ts';
import { TrueSeries } from './true-series.ts';

export const SYNTHETIC_RECORD_SOURCE_PREFIX = 'synthetic';

/** The offline default: stand-ins for Binance, CoinGecko and Yahoo over one shared series, plus news. */
export function createSyntheticSources(seed: string, assets: readonly Asset[] = SEED_ASSETS): MarketDataSource[] {
  const series = new TrueSeries(seed, assets);
  return [...SYNTHETIC_SOURCE_PROFILES.map((profile) => new SyntheticMarketSource(profile, series)), new SyntheticNewsSource(series)];
}
