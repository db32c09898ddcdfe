import { SEED_ASSETS } from '@ledgerline/market-data';

const escape = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** dbt/seeds/market_assets.csv as rendered from the domain's seed asset list. */
export function marketAssetsCsv(): string {
  const header = 'symbol,asset_name,asset_class,category,market_cap_usd';
  const rows = SEED_ASSETS.map((a) => [a.symbol, a.name, a.assetClass, a.category, a.marketCapUsd].map(escape).join(','));
  return `${[header, ...rows].join('\n')}\n`;
}
