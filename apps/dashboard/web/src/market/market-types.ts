// The market API's answers as the page reads them (libs/domain/market-data/src/ports/market-reads.port.ts).

export interface MarketSeries {
  source: string;
  interval: string;
  bars: number;
  first_open_time: string;
  last_open_time: string;
  last_close: string;
}

export interface MarketAsset {
  symbol: string;
  name: string;
  asset_class: 'crypto' | 'stock';
  category: string;
  market_cap_usd: string | null;
  series: MarketSeries[];
}

export const INDICATORS = [
  'sma_20',
  'sma_50',
  'sma_200',
  'ema_12',
  'ema_26',
  'macd',
  'macd_signal',
  'macd_histogram',
  'rsi_14',
  'bollinger_upper',
  'bollinger_middle',
  'bollinger_lower',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type Candle = { open_time: string; open: string; high: string; low: string; close: string; volume: string | null } & Record<Indicator, number | null>;

export interface Candles {
  symbol: string;
  source: string;
  interval: string;
  bars: Candle[];
  indicators_missing: string | null;
}

export interface ComparisonRow {
  open_time: string;
  source_count: number;
  spread_bps: number | null;
  sources: Record<string, { close: string; deviation_bps: number | null }>;
}

export interface PriceComparison {
  symbol: string;
  interval: string;
  rows: ComparisonRow[];
  missing: string | null;
}

export interface NewsItem {
  source: string;
  article_id: string;
  published_at: string;
  title: string;
  summary: string;
  url: string | null;
  symbols: string[];
}

export interface MarketEnvelope<T> {
  as_of: { latest_bar_at: string | null };
  data: T;
}
