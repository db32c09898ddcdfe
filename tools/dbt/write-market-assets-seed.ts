// Regenerates dbt/seeds/market_assets.csv from SEED_ASSETS: npx tsx tools/dbt/write-market-assets-seed.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { marketAssetsCsv } from './market-assets-seed.ts';

writeFileSync(join(import.meta.dirname, '../../dbt/seeds/market_assets.csv'), marketAssetsCsv());
