import { SEED_ASSETS, type IndicatorColumn } from '@ledgerline/market-data';

// Market questions (issue #18): which asset, which figure. Lexical and deterministic, like the
// rest of the offline planner; an unknown ticker is kept as written so the market tool can say
// it has no prices for it, rather than the question being answered about something else.

export type MarketQuestion =
  | { readonly kind: 'price'; readonly symbol: string }
  | { readonly kind: 'indicator'; readonly symbol: string; readonly indicator: IndicatorColumn; readonly label: string }
  | { readonly kind: 'movers'; readonly assetClass: 'crypto' | 'stock'; readonly top: number; readonly direction: 'up' | 'down' }
  | { readonly kind: 'news'; readonly symbol: string }
  /** A market question without an asset the planner can name (it says which it needs). */
  | { readonly kind: 'no_asset'; readonly what: string };

const MARKET_WORDS =
  /\b(price|prices|priced|clos(e|ed|ing)|open(ed|ing)?|rsi|macd|sma|ema|bollinger|moving average|indicators?|coins?|crypto\w*|tokens?|stocks?|shares?|ticker|rose|risen|rise|gained|gainers?|fell|fallen|dropped|losers?|movers?|news|headlines?|articles?|market cap|trading at|worth)\b/;
const NEWS = /\b(news|headlines?|articles?)\b/;
const MOVERS = /\b(rose|risen|rise|gained|gainers?|fell|fallen|dropped|lost|losers?|movers?|best|worst|perform\w*)\b/;
const DOWN = /\b(fell|fallen|dropped|lost|losers?|worst)\b/;
const GROUP = /\b(coins?|cryptos?|cryptocurrenc\w+|tokens?|stocks?|shares?|equities|assets?)\b/;
const PRICE = /\b(price|priced|clos(e|ed|ing)|trading at|worth|cost)\b/;

const INDICATORS: ReadonlyArray<[RegExp, IndicatorColumn, string]> = [
  [/\brsi\b/, 'rsi_14', 'RSI 14'],
  [/\bmacd signal\b/, 'macd_signal', 'MACD signal'],
  [/\bmacd hist\w*\b/, 'macd_histogram', 'MACD histogram'],
  [/\bmacd\b/, 'macd', 'MACD (12, 26)'],
  [/\b(sma|simple moving average)\s*-?\s*200\b|\b200[- ]day (simple )?moving average\b/, 'sma_200', 'SMA 200'],
  [/\b(sma|simple moving average)\s*-?\s*50\b|\b50[- ]day (simple )?moving average\b/, 'sma_50', 'SMA 50'],
  [/\b(sma|simple moving average)\s*-?\s*20\b|\b20[- ]day (simple )?moving average\b/, 'sma_20', 'SMA 20'],
  [/\bema\s*-?\s*26\b/, 'ema_26', 'EMA 26'],
  [/\bema\s*-?\s*12\b/, 'ema_12', 'EMA 12'],
  [/\bupper bollinger\b|\bbollinger upper\b/, 'bollinger_upper', 'upper Bollinger band (20, 2)'],
  [/\blower bollinger\b|\bbollinger lower\b/, 'bollinger_lower', 'lower Bollinger band (20, 2)'],
  [/\bbollinger\b/, 'bollinger_middle', 'Bollinger middle band (SMA 20)'],
];

const NUMBER_WORDS: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20 };
// Capitalised words a question may start with or use that are not tickers.
const NOT_TICKERS = new Set(['RSI', 'MACD', 'SMA', 'EMA', 'UTC', 'USD', 'EUR', 'GBP', 'USDT', 'I', 'A', 'THE', 'OF', 'NOW', 'WHAT', 'WAS', 'IS', 'NEWS', 'ETF', 'TOP', 'YTD']);

/** The seed asset a question names: its ticker in capitals (BTC), or its name (bitcoin, Apple). */
function namedAsset(question: string): string | undefined {
  const lower = question.toLowerCase();
  for (const asset of SEED_ASSETS) {
    const ticker = asset.symbol.replace('.', '\\.');
    if (new RegExp(`(^|[^A-Za-z0-9$])\\$?${ticker}([^A-Za-z0-9]|$)`).test(question) && asset.symbol.length > 1) return asset.symbol;
  }
  for (const asset of SEED_ASSETS) {
    const name = asset.name.toLowerCase().replace(/ (inc|corp|corporation|co|company|plc|ltd)\.?$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (name.length >= 4 && new RegExp(`\\b${name}\\b`).test(lower)) return asset.symbol;
  }
  // Lower-case tickers of three letters or more ("rsi of eth"): only in a question about the market.
  for (const asset of SEED_ASSETS) {
    if (asset.symbol.length >= 3 && new RegExp(`\\b${asset.symbol.toLowerCase().replace('.', '\\.')}\\b`).test(lower)) return asset.symbol;
  }
  return undefined;
}

/** A ticker-like word in capitals that no seed asset has ("XYZ"), kept so the refusal names it. */
function unknownTicker(question: string): string | undefined {
  for (const match of question.matchAll(/(?:^|[^A-Za-z0-9])\$?([A-Z][A-Z0-9]{1,5}(?:\.[A-Z])?)(?![A-Za-z0-9])/g)) {
    const word = match[1] as string;
    if (!NOT_TICKERS.has(word) && !/^[CA]-\d/.test(word)) return word;
  }
  return undefined;
}

/** True when the question is about market data (prices, indicators, movers, news of an asset). */
export function isMarketQuestion(question: string): boolean {
  const lower = question.toLowerCase();
  if (!MARKET_WORDS.test(lower)) return false;
  if (MOVERS.test(lower) && GROUP.test(lower) && /\b(coins?|crypto\w*|tokens?|stocks?|shares?|equities)\b/.test(lower)) return true;
  // Technical indicators are market words only: the planner asks back which asset is meant.
  if (INDICATORS.some(([pattern]) => pattern.test(lower))) return true;
  return namedAsset(question) !== undefined || (PRICE.test(lower) || INDICATORS.some(([p]) => p.test(lower)) || NEWS.test(lower) ? unknownTicker(question) !== undefined : false);
}

export function parseMarketQuestion(question: string): MarketQuestion {
  const lower = question.toLowerCase();
  if (MOVERS.test(lower) && GROUP.test(lower) && !NEWS.test(lower)) {
    const top = /\btop\s+(\d{1,2}|three|five|ten|twenty)\b/.exec(lower)?.[1];
    const count = top === undefined ? 10 : (NUMBER_WORDS[top] ?? Number(top));
    return { kind: 'movers', assetClass: /\b(stocks?|shares?|equities)\b/.test(lower) ? 'stock' : 'crypto', top: count, direction: DOWN.test(lower) ? 'down' : 'up' };
  }
  const symbol = namedAsset(question) ?? unknownTicker(question);
  const indicator = INDICATORS.find(([pattern]) => pattern.test(lower));
  if (NEWS.test(lower)) return symbol ? { kind: 'news', symbol } : { kind: 'no_asset', what: 'news' };
  if (indicator) return symbol ? { kind: 'indicator', symbol, indicator: indicator[1], label: indicator[2] } : { kind: 'no_asset', what: indicator[2] };
  return symbol ? { kind: 'price', symbol } : { kind: 'no_asset', what: 'a price' };
}
