import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbFromEnv, type DuckDbMarketRawStore } from '@ledgerline/duckdb';
import { kafkaFromEnv, streamSettingsFromEnv } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { PRICES_TOPIC, type BoundSource, type NewsIndexer, type PriceEventPublisher } from '@ledgerline/market-data';
import { createMarketSources } from '@ledgerline/market-sources';
import { createMemoryEventBus } from '@ledgerline/memory';
import { marketNewsIndexer } from './news-index-wiring.ts';

export interface MarketWiring {
  sources: BoundSource[];
  store: DuckDbMarketRawStore;
  /** Where `backfill` indexes the news it lands, for the agent's news questions. */
  newsIndexer: NewsIndexer;
  /** Opened on first use by `stream` only. */
  openPublisher(): Promise<{ publisher: PriceEventPublisher; description: string; landsInRaw: boolean; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface MarketWiringDeps {
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/**
 * The market app's adapters: sources from MARKET_SOURCES (seeded stand-ins or the live APIs),
 * RAW in the DuckDB warehouse file, and for `stream` the Kafka topic `prices` when KAFKA_BROKERS is
 * set, else the in-process bus (whose events nobody else can read, so the stream lands bars in RAW);
 * landed news go to the agent's vector index too.
 */
export function wireMarket(env: LedgerlineEnv, deps: MarketWiringDeps): MarketWiring {
  const sources = createMarketSources(env, { ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.now ? { now: deps.now } : {}) });
  const store = duckDbFromEnv(env).marketRawStore();
  const closers: Array<() => Promise<void>> = [() => store.close()];
  return {
    sources,
    store,
    newsIndexer: marketNewsIndexer(env),
    async openPublisher() {
      const kafka = kafkaFromEnv(env, { logger: deps.logger, role: 'market' });
      if (kafka) {
        closers.push(() => kafka.close());
        await kafka.admin.ensureTopics([{ name: PRICES_TOPIC, partitions: kafka.stream.partitions }]);
        return { publisher: kafka.publisher, description: `topic ${PRICES_TOPIC} on ${kafka.description}`, landsInRaw: false, close: () => kafka.close() };
      }
      const bus = createMemoryEventBus();
      await bus.admin.ensureTopics([{ name: PRICES_TOPIC, partitions: streamSettingsFromEnv(env).partitions }]);
      return { publisher: bus.publisher, description: 'in-process bus (no KAFKA_BROKERS): bars also land in RAW', landsInRaw: true, close: async () => bus.publisher.close() };
    },
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
