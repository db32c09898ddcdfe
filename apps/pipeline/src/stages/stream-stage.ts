import type { LedgerlineEnv } from '@ledgerline/config';
import {
  runProducer,
  startStreamSink,
  type EventPublisher,
  type EventSubscriber,
  type ProducerReport,
  type StreamSink,
  type TopicAdmin,
  type TransactionStore,
} from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import { generateCustomersAndAccounts, generateTransactionStream } from '@ledgerline/transactions/generator';
import { CountingPublisher } from './counting-publisher.ts';

export interface StreamStageDeps {
  env: LedgerlineEnv;
  store: TransactionStore;
  /** The store as the sink sees it (e.g. gated while a sync snapshots). */
  sinkStore: TransactionStore;
  publisher: EventPublisher;
  subscriber: EventSubscriber;
  admin: TopicAdmin;
  logger: Logger;
}

export interface StreamStageOptions {
  customers: number;
  ratePerSecond: number;
  /** First simulated month of the stream, YYYY-MM. */
  startMonth: string;
  onProduced?: (count: number) => void;
  /** Ends the start-up wait for a store or broker that is not up yet (a stop requested meanwhile). */
  signal?: AbortSignal;
}

export interface StreamStage {
  /** account_id -> balance before the first streamed transaction. */
  readonly openingBalances: Record<string, string>;
  readonly producer: CountingPublisher;
  readonly sink: StreamSink;
  /** Stops the producer (flushing what is in flight), then drains and stops the sink. */
  stop(): Promise<ProducerReport | undefined>;
}

/**
 * The realtime path inside the pipeline: customers and accounts are upserted first (the stream
 * references them), then the sink joins its group and the producer starts publishing.
 */
export async function startStreamStage(deps: StreamStageDeps, options: StreamStageOptions): Promise<StreamStage> {
  const { env, store, logger } = deps;
  const generatorOptions = { seed: env.GENERATOR_SEED, customers: options.customers, months: 1, startMonth: options.startMonth, baseCurrency: env.BASE_CURRENCY, source: 'stream' as const };
  const { customers, accounts, openingBalances } = generateCustomersAndAccounts(generatorOptions);
  // The balance step's inputs, in one transaction with the accounts: each balance is then what
  // has already landed says (a restart over an existing database), and every sink batch and
  // ingested file keeps it so in its own transaction.
  await store.withTransaction(async (tx) => {
    await tx.upsertCustomers(customers);
    await tx.upsertAccounts(accounts.map((a) => ({ ...a, balance: openingBalances[a.account_id] ?? a.balance })));
    await tx.recordOpeningBalances(openingBalances);
    await tx.recomputeBalances(accounts.map((a) => a.account_id));
  });
  logger.info('customers and accounts ready', { customers: customers.length, accounts: accounts.length });

  const sink = await startStreamSink(
    { subscriber: deps.subscriber, publisher: deps.publisher, admin: deps.admin, store: deps.sinkStore, logger: logger.child('sink') },
    { topic: env.KAFKA_TOPIC, groupId: env.KAFKA_GROUP_ID, partitions: env.KAFKA_PARTITIONS, signal: options.signal ?? new AbortController().signal, statsIntervalMs: 0 },
  );

  const producer = new CountingPublisher(deps.publisher, options.onProduced);
  const abort = new AbortController();
  const produced = runProducer(
    { publisher: producer, logger: logger.child('producer') },
    {
      topic: env.KAFKA_TOPIC,
      source: generateTransactionStream(generatorOptions),
      ratePerSecond: options.ratePerSecond,
      progressIntervalMs: 0,
      signal: abort.signal,
    },
  );

  let stopped: Promise<ProducerReport | undefined> | undefined;
  return {
    openingBalances,
    producer,
    sink,
    stop: () => {
      stopped ??= (async () => {
        abort.abort();
        const report = await produced.catch((error: unknown) => {
          logger.error('producer failed', { error });
          return undefined;
        });
        await deps.publisher.flush();
        // Let the sink catch up with what was produced (bounded), so a stop lands everything.
        const deadline = Date.now() + 15_000;
        while (sink.stats().received < producer.published && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await sink.stop();
        return report;
      })();
      return stopped;
    },
  };
}
