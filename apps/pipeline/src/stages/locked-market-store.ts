import { retryWithBackoff } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import type { MarketRawStore } from '@ledgerline/market-data';
import type { QuiesceGate } from './quiesce-gate.ts';

/** DuckDB's refusal when another process (the dashboard, the analytics CLI) holds the file. */
const FILE_BUSY = /Could not set lock|Conflicting lock/i;

export interface ClosableMarketRawStore extends MarketRawStore {
  close(): Promise<void>;
}

/**
 * The RAW store as the main job's market stage uses it: every call runs under the warehouse
 * lock (which the warehouse sync holds for its whole cycle, dbt build included) and closes the DuckDB file before it lets the lock go,
 * so dbt — another process — always finds the file free. A call refused because another process
 * has the file open is retried with back-off until the signal (stop); other errors go to the
 * caller unchanged.
 */
export function lockedMarketStore(store: ClosableMarketRawStore, lock: QuiesceGate, options: { signal: AbortSignal; logger: Logger }): MarketRawStore {
  const locked = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      retryWithBackoff(
        () =>
          lock.run(async () => {
            try {
              return await call(...args);
            } finally {
              await store.close();
            }
          }),
        {
          what: `market RAW ${name}`,
          signal: options.signal,
          policy: { initialMs: 200, maxMs: 5_000, jitter: 0.2 },
          isRetryable: (error) => error instanceof Error && FILE_BUSY.test(error.message),
          onRetry: (error, attempt) => options.logger.warn('warehouse file busy; retrying the market write', { call: name, attempt, error: error instanceof Error ? error.message : String(error) }),
        },
      );
  return {
    upsertBars: locked('upsertBars', (bars, origin) => store.upsertBars(bars, origin)),
    upsertNews: locked('upsertNews', (articles, origin) => store.upsertNews(articles, origin)),
    recordQuarantine: locked('recordQuarantine', (reports) => store.recordQuarantine(reports)),
    recordSourceRun: locked('recordSourceRun', (run) => store.recordSourceRun(run)),
    sourceStatus: locked('sourceStatus', () => store.sourceStatus()),
    quarantined: locked('quarantined', (source) => store.quarantined(source)),
  };
}
