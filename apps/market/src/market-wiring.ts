import type { LedgerlineEnv } from '@ledgerline/config';
import { DuckDbMarketRawStore, duckDbWarehousePath } from '@ledgerline/duckdb';
import { createKafkaEventBus, parseBrokers } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { PRICES_TOPIC, type BoundSource, type PriceEventPublisher } from '@ledgerline/market-data';
import { createMarketSources } from '@ledgerline/market-sources';
import { createMemoryEventBus } from '@ledgerline/memory';

export interface MarketWiring {
  sources: BoundSource[];
  store: DuckDbMarketRawStore;
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
 * set, else the in-process bus (whose events nobody else can read, so the stream lands bars in RAW).
 */
export function wireMarket(env: LedgerlineEnv, deps: MarketWiringDeps): MarketWiring {
  const sources = createMarketSources(env, { ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.now ? { now: deps.now } : {}) });
  const store = new DuckDbMarketRawStore({ path: duckDbWarehousePath(env) });
  const closers: Array<() => Promise<void>> = [() => store.close()];
  return {
    sources,
    store,
    async openPublisher() {
      if (env.KAFKA_BROKERS) {
        const bus = createKafkaEventBus({ brokers: parseBrokers(env.KAFKA_BROKERS), clientId: `${env.KAFKA_CLIENT_ID}-market`, logger: deps.logger });
        closers.push(() => bus.close());
        await bus.admin.ensureTopics([{ name: PRICES_TOPIC, partitions: env.KAFKA_PARTITIONS }]);
        return { publisher: bus.publisher, description: `Kafka topic ${PRICES_TOPIC} (${env.KAFKA_BROKERS})`, landsInRaw: false, close: () => bus.close() };
      }
      const bus = createMemoryEventBus();
      await bus.admin.ensureTopics([{ name: PRICES_TOPIC, partitions: env.KAFKA_PARTITIONS }]);
      return { publisher: bus.publisher, description: 'in-process bus (no KAFKA_BROKERS): bars also land in RAW', landsInRaw: true, close: async () => bus.publisher.close() };
    },
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
