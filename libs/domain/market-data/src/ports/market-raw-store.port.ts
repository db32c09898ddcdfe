import type { NewsArticle } from '../model/news-article.ts';
import type { PriceBar, SourceId } from '../model/price-bar.ts';
import type { QuarantineReport } from '../model/quarantine-report.ts';
import type { UtcInstant } from '../model/utc-time.ts';

export interface UpsertCounts {
  inserted: number;
  /** Same key, different values (a source corrected a bar, or the current bar moved on). */
  updated: number;
  /** Same key, same values: a redelivery, which changes nothing. */
  unchanged: number;
}

/** Where a row came from: the provider slot and whether it was live or the seeded stand-in. */
export interface RecordOrigin {
  source: SourceId;
  recordSource: string;
  loadedAt: UtcInstant;
}

export interface SourceRunRecord {
  source: SourceId;
  recordSource: string;
  startedAt: UtcInstant;
  finishedAt: UtcInstant;
  outcome: 'ok' | 'partial' | 'failed';
  bars: number;
  news: number;
  quarantined: number;
  error: string | null;
}

export interface SourceStatus {
  source: SourceId;
  lastRunAt: UtcInstant | null;
  lastOutcome: SourceRunRecord['outcome'] | null;
  lastSuccessAt: UtcInstant | null;
  lastError: string | null;
  quarantined: number;
}

/** The RAW layer: one table per source, upserts idempotent on (source, symbol, interval, open_time). */
export interface MarketRawStore {
  upsertBars(bars: readonly PriceBar[], origin: RecordOrigin): Promise<UpsertCounts>;
  upsertNews(articles: readonly NewsArticle[], origin: RecordOrigin): Promise<UpsertCounts>;
  recordQuarantine(reports: readonly QuarantineReport[]): Promise<void>;
  recordSourceRun(run: SourceRunRecord): Promise<void>;
  sourceStatus(): Promise<SourceStatus[]>;
  quarantined(source?: SourceId): Promise<QuarantineReport[]>;
}
