import { MarketSourceError, type SourceId } from '@ledgerline/market-data';

/**
 * A cap on requests per source per run, so a long backfill cannot burn a free API tier's quota
 * (CoinGecko's demo key allows ~10k calls a month). Retries count: each one is a call.
 */
export class RequestBudget {
  private used = 0;

  constructor(
    private readonly source: SourceId,
    readonly limit: number,
  ) {}

  take(): void {
    if (this.used >= this.limit) throw new MarketSourceError(this.source, 'budget-exhausted', `request budget of ${this.limit} used up`);
    this.used++;
  }

  get spent(): number {
    return this.used;
  }
}
