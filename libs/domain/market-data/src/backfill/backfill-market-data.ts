import type { AssetSymbol } from '../model/asset.ts';
import { NewsArticleSchema } from '../model/news-article.ts';
import { PriceBarSchema, type BarInterval, type SourceId } from '../model/price-bar.ts';
import type { QuarantineReport } from '../model/quarantine-report.ts';
import type { UtcInstant } from '../model/utc-time.ts';
import type { MarketDataSource } from '../ports/market-data-source.port.ts';
import type { MarketRawStore, UpsertCounts } from '../ports/market-raw-store.port.ts';
import type { NewsIndexer } from '../ports/news-indexer.port.ts';
import { timeWindows } from './time-windows.ts';
import { validateItems } from './validate-batch.ts';

export interface BoundSource {
  source: MarketDataSource;
  /** Lineage written with every row: "synthetic:binance", "api:binance". */
  recordSource: string;
}

export interface BackfillRequest {
  from: UtcInstant;
  to: UtcInstant;
  intervals: readonly BarInterval[];
  symbols: readonly AssetSymbol[];
  news: boolean;
  /** Stops between windows (a stopping process); what was loaded stays, the source is reported failed. */
  signal?: AbortSignal;
}

export interface SourceOutcome {
  source: SourceId;
  recordSource: string;
  outcome: 'ok' | 'partial' | 'failed';
  bars: UpsertCounts;
  news: UpsertCounts;
  quarantined: number;
  /** Articles embedded into the news index (0 without one, or when all were indexed already). */
  newsIndexed: number;
  error: string | null;
}

export interface BackfillDeps {
  sources: readonly BoundSource[];
  store: MarketRawStore;
  now: () => Date;
  /** The agent's vector index for news; absent = news land in RAW only. */
  newsIndexer?: NewsIndexer | undefined;
}

const zero = (): UpsertCounts => ({ inserted: 0, updated: 0, unchanged: 0 });
function add(total: UpsertCounts, more: UpsertCounts): void {
  total.inserted += more.inserted;
  total.updated += more.updated;
  total.unchanged += more.unchanged;
}

/**
 * Loads [from, to) from every source into RAW. Sources run one after another and independently:
 * a source that fails, or whose responses are quarantined, is reported and the others go on.
 * Rerunning the same range rewrites nothing (the store's upsert is keyed and compares values).
 * News that landed are then given to the news indexer; when it fails, the articles stay in RAW
 * and the source is reported failed, so the caller's retry (or the next run: both idempotent)
 * indexes them — RAW first, so no article is ever in the index without being in RAW.
 */
export async function backfillMarketData(deps: BackfillDeps, request: BackfillRequest): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  for (const bound of deps.sources) {
    if (request.signal?.aborted) break;
    outcomes.push(await backfillOne(bound, deps, request));
  }
  return outcomes;
}

async function backfillOne(
  { source, recordSource }: BoundSource,
  deps: BackfillDeps,
  request: BackfillRequest,
): Promise<SourceOutcome> {
  const startedAt = deps.now().toISOString();
  const result: SourceOutcome = { source: source.id, recordSource, outcome: 'ok', bars: zero(), news: zero(), quarantined: 0, newsIndexed: 0, error: null };
  const origin = { source: source.id, recordSource, loadedAt: startedAt };
  const quarantine = async (reports: QuarantineReport[]): Promise<void> => {
    if (reports.length === 0) return;
    result.quarantined += reports.length;
    await deps.store.recordQuarantine(reports);
  };
  try {
    const symbols = request.symbols.filter((symbol) => source.capabilities.quotes(symbol));
    const intervals = request.intervals.filter((interval) => source.capabilities.intervals.includes(interval));
    for (const interval of symbols.length > 0 ? intervals : []) {
      for (const window of timeWindows(request.from, request.to, interval)) {
        if (request.signal?.aborted) throw new Error('stopped before the range was loaded (rerun the backfill: it is idempotent)');
        const batch = await source.fetchBars({ symbols, interval, ...window });
        const checked = validateItems(PriceBarSchema, batch.items, { source: source.id, endpoint: `bars ${interval}`, receivedAt: deps.now().toISOString() });
        await quarantine([...batch.quarantined, ...checked.quarantined]);
        add(result.bars, await deps.store.upsertBars(checked.valid, origin));
      }
    }
    if (request.news && source.capabilities.news) {
      const batch = await source.fetchNews({ from: request.from, to: request.to });
      const checked = validateItems(NewsArticleSchema, batch.items, { source: source.id, endpoint: 'news', receivedAt: deps.now().toISOString() });
      await quarantine([...batch.quarantined, ...checked.quarantined]);
      add(result.news, await deps.store.upsertNews(checked.valid, origin));
      if (deps.newsIndexer && checked.valid.length > 0) {
        try {
          result.newsIndexed = (await deps.newsIndexer.indexNews(checked.valid)).embedded;
        } catch (error) {
          throw new Error(`${checked.valid.length} news articles landed in RAW but were not indexed for the agent (rerun: both steps are idempotent): ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    if (result.quarantined > 0) result.outcome = 'partial';
  } catch (error) {
    result.outcome = 'failed';
    result.error = error instanceof Error ? error.message : String(error);
  }
  await deps.store.recordSourceRun({
    source: source.id,
    recordSource,
    startedAt,
    finishedAt: deps.now().toISOString(),
    outcome: result.outcome,
    bars: result.bars.inserted + result.bars.updated + result.bars.unchanged,
    news: result.news.inserted + result.news.updated + result.news.unchanged,
    quarantined: result.quarantined,
    error: result.error,
  });
  return result;
}
