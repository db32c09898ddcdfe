/** One asset customers can trade: a symbol of the seed asset list and its price series' currency. */
export interface TradableAsset {
  readonly symbol: string;
  readonly assetClass: 'crypto' | 'stock';
  /** Currency of the prices (the series' quote currency, e.g. USD). */
  readonly currency: string;
}

/**
 * Where the generator's trades take their prices (docs/trades.md): the market data's own price
 * series, injected because the market-data domain sits above this one (it imports ingestion,
 * which imports transactions), so this library cannot import it. `@ledgerline/market-data`'s
 * `syntheticTradeMarket(seed)` is the implementation; the same seed always prices the same.
 */
export interface TradeMarket {
  /** Identifies the series (e.g. `synthetic:ledgerline`); a resumable stream's plan records it. */
  readonly id: string;
  readonly assets: readonly TradableAsset[];
  /**
   * The price per unit at `atMs` as an exact decimal string with at most eight decimals, or
   * undefined when the asset does not trade then (a stock outside its session).
   */
  priceAt(symbol: string, atMs: number): string | undefined;
}
