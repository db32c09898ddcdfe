import type { Asset } from '../model/asset.ts';
import { hashKey } from './seeded-random.ts';

/** Parameters of one asset's price process (annualised where it says so). */
export interface AssetDynamics {
  /** Price on the anchor day. */
  initialPrice: number;
  /** Annual drift and volatility of the log price. */
  drift: number;
  volatility: number;
  /** Probability of a jump on a given day, and the jump's mean and spread in log terms. */
  jumpChancePerDay: number;
  jumpMean: number;
  jumpSpread: number;
  /** Pull of the log price back towards its initial level (keeps ten synthetic years plausible). */
  meanReversion: number;
  /** Steps per year of the daily process: crypto trades every day, stocks on weekdays. */
  stepsPerYear: number;
  /** Fraction of the market cap that trades per day (sets the volume scale). */
  dailyTurnover: number;
  /** Stablecoins hold their peg: tiny noise around 1 instead of a random walk. */
  pegged: boolean;
}

function logUniform(key: string, low: number, high: number): number {
  const u = hashKey(key) / 4294967296;
  return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
}

export function dynamicsFor(asset: Asset, seed: string): AssetDynamics {
  const key = `${seed}|${asset.symbol}`;
  if (asset.assetClass === 'stock') {
    return {
      initialPrice: logUniform(`${key}|p0`, 20, 400),
      drift: 0.08,
      volatility: 0.22 + 0.2 * (hashKey(`${key}|vol`) / 4294967296),
      jumpChancePerDay: 0.004,
      jumpMean: 0,
      jumpSpread: 0.05,
      meanReversion: 0.05,
      stepsPerYear: 252,
      dailyTurnover: 0.006,
      pegged: false,
    };
  }
  const meme = asset.category === 'meme';
  return {
    initialPrice: asset.symbol === 'BTC' ? 30_000 : asset.symbol === 'ETH' ? 2_000 : logUniform(`${key}|p0`, 0.05, 500),
    drift: 0.25,
    volatility: (meme ? 1.1 : 0.65) + 0.25 * (hashKey(`${key}|vol`) / 4294967296),
    jumpChancePerDay: 0.02,
    jumpMean: -0.01,
    jumpSpread: meme ? 0.15 : 0.08,
    meanReversion: 0.15,
    stepsPerYear: 365,
    dailyTurnover: 0.04,
    pegged: asset.category === 'stablecoin',
  };
}
