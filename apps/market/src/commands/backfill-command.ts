import { backfillMarketData, type SourceOutcome } from '@ledgerline/market-data';
import type { MarketWiring } from '../market-wiring.ts';

export interface BackfillArgs {
  from: string;
  to: string;
  intervals: Parameters<typeof backfillMarketData>[1]['intervals'];
  symbols: string[];
  news: boolean;
}

export function formatOutcomes(outcomes: readonly SourceOutcome[]): string {
  const header = ['source', 'record_source', 'outcome', 'bars new/changed/same', 'news new/changed/same', 'quarantined', 'news indexed', 'error'];
  const rows = outcomes.map((o) => [
    o.source,
    o.recordSource,
    o.outcome,
    `${o.bars.inserted}/${o.bars.updated}/${o.bars.unchanged}`,
    `${o.news.inserted}/${o.news.updated}/${o.news.unchanged}`,
    String(o.quarantined),
    String(o.newsIndexed),
    o.error ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** Loads the range from every source; exit 1 when any source failed (the others are loaded). */
export async function runBackfill(wiring: MarketWiring, args: BackfillArgs, io: { write: (text: string) => void; now: () => Date }): Promise<number> {
  const outcomes = await backfillMarketData({ sources: wiring.sources, store: wiring.store, newsIndexer: wiring.newsIndexer, now: io.now }, args);
  io.write(`${formatOutcomes(outcomes)}\n`);
  return outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
}
