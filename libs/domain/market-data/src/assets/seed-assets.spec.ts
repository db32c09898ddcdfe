import { describe, expect, it } from 'vitest';
import { SEED_ASSETS } from './seed-assets.ts';

describe('seed asset list', () => {
  it('holds 50 cryptocurrencies and 20 stocks with unique symbols', () => {
    expect(SEED_ASSETS.filter((a) => a.assetClass === 'crypto')).toHaveLength(50);
    expect(SEED_ASSETS.filter((a) => a.assetClass === 'stock')).toHaveLength(20);
    expect(new Set(SEED_ASSETS.map((a) => a.symbol)).size).toBe(70);
  });

  it('gives every asset a name, category and positive market cap', () => {
    for (const asset of SEED_ASSETS) {
      expect(asset.name.length).toBeGreaterThan(0);
      expect(asset.category.length).toBeGreaterThan(0);
      expect(BigInt(asset.marketCapUsd)).toBeGreaterThan(0n);
    }
  });
});
