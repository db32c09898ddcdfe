// The market API's answers as the page reads them: one definition with the server that sends
// them (MarketReads extends these), from @ledgerline/market-data/wire as the health types come
// from @ledgerline/pipeline/health. That file imports nothing: the page bundles only the indicator list.
export {
  INDICATOR_COLUMNS as INDICATORS,
  type CandlesWire as Candles,
  type CandleWire as Candle,
  type IndicatorColumn as Indicator,
  type MarketAssetWire as MarketAsset,
  type MarketEnvelope,
  type MarketSeriesWire as MarketSeries,
  type NewsRowWire as NewsItem,
  type PriceComparisonWire as PriceComparison,
  type ComparisonRowWire as ComparisonRow,
} from '@ledgerline/market-data/wire';
