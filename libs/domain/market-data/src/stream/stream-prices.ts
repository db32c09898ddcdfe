import type { AssetSymbol } from '../model/asset.ts';
import { PriceBarSchema, type PriceBar } from '../model/price-bar.ts';
import { epochMsToUtc, utcToEpochMs, type UtcInstant } from '../model/utc-time.ts';
import type { BoundSource } from '../backfill/backfill-market-data.ts';

export const PRICES_TOPIC = 'prices';
/** The schema header of a price event (what landPrices accepts). */
export const PRICE_EVENT_SCHEMA_V1 = 'market.price-bar.v1';
const MINUTE_MS = 60_000;

/** What the stream writes: the event bus's publisher shape, so Kafka or the in-process bus fit. */
export interface PriceEventPublisher {
  publish(topic: string, messages: Array<{ key: string; value: string; headers: Record<string, string> }>): Promise<void>;
}

export interface StreamPricesOptions {
  sources: readonly BoundSource[];
  publisher: PriceEventPublisher;
  /** Default `prices`. */
  topic?: string;
  symbols: readonly AssetSymbol[];
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** How often to look for newly completed minutes. */
  pollMs: number;
  /**
   * The first minute to publish (every source), e.g. where a backfill of 1m bars ended, so that
   * backfill and stream meet without a gap; unset = the minute before the first round.
   */
  from?: UtcInstant;
  /** Stop after this many publishing rounds (tests, `--once`); unset = until the signal. */
  maxRounds?: number;
  /** Called with what each round published (for RAW landing without Kafka, and logs). */
  onRound?: (bars: PriceBar[], source: BoundSource) => Promise<void>;
  /** A source's round failed (its minutes are retried next round). */
  onError?: (error: unknown, source: BoundSource) => void;
}

/** The event of one bar: keyed by source and symbol so each series stays in order on one partition. */
export function priceEvent(bar: PriceBar, recordSource: string) {
  return {
    key: `${bar.source}|${bar.symbol}`,
    value: JSON.stringify(bar),
    headers: { 'content-type': 'application/json', 'ledgerline-schema': PRICE_EVENT_SCHEMA_V1, 'record-source': recordSource },
  };
}

/**
 * Publishes each completed 1-minute bar of every source that has 1m bars, once, as soon as the
 * minute has closed. A round that fails leaves its minutes pending, so the next round retries them:
 * nothing is skipped (at-least-once; consumers upsert on the bar's key).
 */
export async function streamPrices(options: StreamPricesOptions): Promise<{ rounds: number; published: number }> {
  const minuteSources = options.sources.filter((b) => b.source.capabilities.intervals.includes('1m'));
  const pending = new Map<string, number>();
  const start = options.from === undefined ? undefined : Math.floor(utcToEpochMs(options.from) / MINUTE_MS) * MINUTE_MS;
  let rounds = 0;
  let published = 0;
  while (!options.signal?.aborted && (options.maxRounds === undefined || rounds < options.maxRounds)) {
    const closedUntil = Math.floor(options.now().getTime() / MINUTE_MS) * MINUTE_MS;
    for (const bound of minuteSources) {
      const from = pending.get(bound.source.id) ?? start ?? closedUntil - MINUTE_MS;
      if (from >= closedUntil) continue;
      const symbols = options.symbols.filter((s) => bound.source.capabilities.quotes(s));
      try {
        const batch = await bound.source.fetchBars({ symbols, interval: '1m', from: epochMsToUtc(from), to: epochMsToUtc(closedUntil) });
        const bars = batch.items.filter((bar) => PriceBarSchema.safeParse(bar).success);
        if (bars.length > 0) await options.publisher.publish(options.topic ?? PRICES_TOPIC, bars.map((bar) => priceEvent(bar, bound.recordSource)));
        await options.onRound?.(bars, bound);
        published += bars.length;
        pending.set(bound.source.id, closedUntil);
      } catch (error) {
        // The source's minutes stay pending: the next round fetches and publishes them again.
        pending.set(bound.source.id, from);
        options.onError?.(error, bound);
      }
    }
    rounds++;
    if (options.maxRounds !== undefined && rounds >= options.maxRounds) break;
    await options.sleep(options.pollMs);
  }
  return { rounds, published };
}
