import type { Logger } from '@ledgerline/logging';
import { streamPrices } from '@ledgerline/market-data';
import type { MarketWiring } from '../market-wiring.ts';

export interface StreamArgs {
  pollMs: number;
  rounds: number | undefined;
  symbols: string[];
}

/** Publishes completed 1-minute bars until the signal (or --rounds); without Kafka they land in RAW. */
export async function runStream(
  wiring: MarketWiring,
  args: StreamArgs,
  io: { logger: Logger; now: () => Date; sleep: (ms: number) => Promise<void>; signal: AbortSignal; write: (text: string) => void },
): Promise<number> {
  const bus = await wiring.openPublisher();
  io.logger.info('streaming prices', { to: bus.description, symbols: args.symbols.length, pollMs: args.pollMs });
  let failed = 0;
  try {
    const result = await streamPrices({
      sources: wiring.sources,
      publisher: bus.publisher,
      symbols: args.symbols,
      now: io.now,
      sleep: io.sleep,
      signal: io.signal,
      pollMs: args.pollMs,
      ...(args.rounds === undefined ? {} : { maxRounds: args.rounds }),
      onRound: async (bars, bound) => {
        if (bus.landsInRaw && bars.length > 0) {
          await wiring.store.upsertBars(bars, { source: bound.source.id, recordSource: bound.recordSource, loadedAt: io.now().toISOString() });
          // Free the warehouse file between rounds so dbt can open it.
          await wiring.store.close();
        }
        if (bars.length > 0) io.logger.info('published', { source: bound.source.id, bars: bars.length, upTo: bars[bars.length - 1]?.openTime });
      },
      onError: (error, bound) => {
        failed++;
        io.logger.warn('stream round failed; retrying its minutes next round', { source: bound.source.id, reason: error instanceof Error ? error.message : String(error) });
      },
    });
    io.write(`published ${result.published} bars in ${result.rounds} rounds to ${bus.description}\n`);
  } finally {
    await bus.close();
  }
  return failed > 0 && args.rounds !== undefined ? 1 : 0;
}
