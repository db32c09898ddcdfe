import type { Asset, AssetSymbol } from '../model/asset.ts';

const CORPORATE_SUFFIX = /\s+(Inc\.?|Corporation|Co\.|Company|Platforms|Holdings|Group|Global)\b.*$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which seed assets a headline or summary mentions. Strong signals: a cashtag ($SOL) or a ticker in
 * parentheses ("Solana (SOL)"). A bare name counts when it is at least five letters and written
 * with its capitals ("Ethereum"), so "Dai" or "Stacks" in ordinary prose do not tag an asset.
 * Bare tickers never count: "OP", "V" and "KO" are too often ordinary words.
 */
export function mentionedSymbols(text: string, assets: readonly Asset[]): AssetSymbol[] {
  const found: AssetSymbol[] = [];
  for (const asset of assets) {
    const symbol = escape(asset.symbol);
    const name = asset.name.replace(CORPORATE_SUFFIX, '').replace(/^The\s+/, '');
    const strong = new RegExp(`(\\$${symbol}(?![\\w.]))|(\\(${symbol}\\))`).test(text);
    const byName = name.length >= 5 && new RegExp(`(^|[^\\w])${escape(name)}(?![\\w])`).test(text);
    if (strong || byName) found.push(asset.symbol);
  }
  return found;
}
