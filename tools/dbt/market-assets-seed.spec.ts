import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { marketAssetsCsv } from './market-assets-seed.ts';

describe('dbt seed market_assets', () => {
  it('is the domain seed asset list (regenerate with tools/dbt/write-market-assets-seed.ts)', () => {
    expect(readFileSync(join(import.meta.dirname, '../../dbt/seeds/market_assets.csv'), 'utf8')).toBe(marketAssetsCsv());
  });
});
