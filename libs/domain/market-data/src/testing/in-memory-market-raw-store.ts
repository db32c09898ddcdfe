import type { NewsArticle } from '../model/news-article.ts';
import { barKey, type PriceBar, type SourceId } from '../model/price-bar.ts';
import type { QuarantineReport } from '../model/quarantine-report.ts';
import type { MarketRawStore, RecordOrigin, SourceRunRecord, SourceStatus, UpsertCounts } from '../ports/market-raw-store.port.ts';

/** A MarketRawStore in memory, for domain tests; it passes the same contract suite as the DuckDB store. */
export class InMemoryMarketRawStore implements MarketRawStore {
  readonly bars = new Map<string, PriceBar & { recordSource: string }>();
  readonly news = new Map<string, NewsArticle & { recordSource: string }>();
  readonly reports: QuarantineReport[] = [];
  readonly runs: SourceRunRecord[] = [];

  async upsertBars(bars: readonly PriceBar[], origin: RecordOrigin): Promise<UpsertCounts> {
    return upsert(this.bars, bars, barKey, origin);
  }

  async upsertNews(articles: readonly NewsArticle[], origin: RecordOrigin): Promise<UpsertCounts> {
    return upsert(this.news, articles, (a) => `${a.source}|${a.articleId}`, origin);
  }

  async recordQuarantine(reports: readonly QuarantineReport[]): Promise<void> {
    this.reports.push(...reports);
  }

  async recordSourceRun(run: SourceRunRecord): Promise<void> {
    this.runs.push(run);
  }

  async sourceStatus(): Promise<SourceStatus[]> {
    const sources = [...new Set(this.runs.map((run) => run.source))].sort();
    return sources.map((source) => {
      const runs = this.runs.filter((run) => run.source === source);
      const last = runs[runs.length - 1];
      const lastSuccess = runs.filter((run) => run.outcome !== 'failed').pop();
      return {
        source,
        lastRunAt: last?.finishedAt ?? null,
        lastOutcome: last?.outcome ?? null,
        lastSuccessAt: lastSuccess?.finishedAt ?? null,
        lastError: last?.error ?? null,
        quarantined: this.reports.filter((report) => report.source === source).length,
      };
    });
  }

  async quarantined(source?: SourceId): Promise<QuarantineReport[]> {
    return this.reports.filter((report) => source === undefined || report.source === source);
  }
}

function upsert<T extends object>(
  table: Map<string, T & { recordSource: string }>,
  rows: readonly T[],
  keyOf: (row: T) => string,
  origin: RecordOrigin,
): UpsertCounts {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const key = keyOf(row);
    const existing = table.get(key);
    const next = { ...row, recordSource: origin.recordSource };
    if (!existing) counts.inserted++;
    else if (JSON.stringify(existing) === JSON.stringify(next)) counts.unchanged++;
    else counts.updated++;
    if (!existing || JSON.stringify(existing) !== JSON.stringify(next)) table.set(key, next);
  }
  return counts;
}
