import type { AnalyticsStore, DataAsOf } from '@ledgerline/analytics';
import type { MarketReads } from '@ledgerline/market-data';
import type { AgentPort } from './agent-port.ts';
import type { DashboardFlows } from './flows/dashboard-flows.port.ts';
import { loadFilterOptions, type FilterOptions } from './filter-options.ts';
import type { PipelineHealthSource } from './pipeline-health.port.ts';

/** What the routes need: the store, the agent (absent = chat disabled) and the health source. */
export interface ApiDeps {
  readonly store: AnalyticsStore;
  readonly agent?: AgentPort | undefined;
  readonly health: PipelineHealthSource;
  /** The market page's data (prices, indicators, news); absent = the market API answers 503. */
  readonly market?: MarketReads | undefined;
  /** The flows page's history and "run now"; absent = the flows API answers 503. */
  readonly flows?: DashboardFlows | undefined;
  /** For the sync lag; tests pin it. */
  readonly now?: () => Date;
}

/**
 * Per-request access to the deps plus the filter options, cached per analytics sync: they only
 * change when a sync writes new rows, and every request checks its filters against them.
 */
/** How long one dataAsOf answer is reused: a page load's eight requests ask it once, not eight times. */
export const AS_OF_TTL_MS = 1_000;

export class ApiContext {
  private asOf: { at: number; value: Promise<DataAsOf> } | undefined;
  private cached: { syncAt: string | null; options: Promise<FilterOptions> } | undefined;

  constructor(readonly deps: ApiDeps) {}

  get store(): AnalyticsStore {
    return this.deps.store;
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The store's dataAsOf, reused for AS_OF_TTL_MS (a sync every few minutes makes 1 s stale at most). */
  dataAsOf(): Promise<DataAsOf> {
    const at = Date.now();
    if (!this.asOf || at - this.asOf.at > AS_OF_TTL_MS) {
      const value = this.deps.store.dataAsOf();
      this.asOf = { at, value };
      value.catch(() => {
        if (this.asOf?.value === value) this.asOf = undefined;
      });
    }
    return this.asOf.value;
  }

  async filterOptions(asOf: DataAsOf): Promise<FilterOptions> {
    if (!this.cached || this.cached.syncAt !== asOf.last_sync_at) {
      const options = loadFilterOptions(this.deps.store);
      this.cached = { syncAt: asOf.last_sync_at, options };
      // A failed load is not cached: the next request tries again.
      options.catch(() => {
        if (this.cached?.options === options) this.cached = undefined;
      });
    }
    return this.cached.options;
  }
}
