export { createMarketSources, type MarketSourcesEnv, type MarketSourcesDeps } from './create-market-sources.ts';
export { BinanceSource } from './binance/binance-source.ts';
export { CoinGeckoSource } from './coingecko/coingecko-source.ts';
export { YahooSource, yahooTicker } from './yahoo/yahoo-source.ts';
export { RssNewsSource } from './news/rss-news-source.ts';
export { SourceHttpClient } from './http/source-http-client.ts';
export { RequestBudget } from './http/request-budget.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './http/retry-policy.ts';
export { parseJsonLosslessly, plainDecimal } from './http/lossless-json.ts';
