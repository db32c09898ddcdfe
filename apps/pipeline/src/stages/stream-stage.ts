import type { LedgerlineEnv } from '@ledgerline/config';
import {
  abortableSleep,
  runProducer,
  sinkTopics,
  startStreamSink,
  type EventPublisher,
  type EventSubscriber,
  type ProducerCheckpointStore,
  type ProducerReport,
  type StreamSink,
  type TopicAdmin,
  type TransactionStore,
} from '@ledgerline/ingestion';
import { streamSettingsFromEnv } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { streamTradeMarket } from '@ledgerline/composition';
import type { StreamPlan, TradeMarket, Transaction } from '@ledgerline/transactions';
import { CheckpointingPublisher } from './checkpointing-publisher.ts';
import { resumeStream } from '../stream/resume-stream.ts';
import { CountingPublisher } from './counting-publisher.ts';
import { DueTransactions } from '../stream/due-transactions.ts';
import { forgetOffsetsBeyondLog, readStreamPositions, type StreamPositions } from '../stream/stream-positions.ts';
import { StreamHorizon } from '../stream/stream-horizon.ts';

export interface StreamStageDeps {
  env: LedgerlineEnv;
  store: TransactionStore;
  /** The store as the sink sees it (e.g. gated while a sync snapshots). */
  sinkStore: TransactionStore;
  publisher: EventPublisher;
  subscriber: EventSubscriber;
  admin: TopicAdmin;
  /** Where the producer's stream position is kept, so a restart continues the stream. */
  checkpoints: ProducerCheckpointStore;
  logger: Logger;
  /**
   * The market the stream trades on, given its stored plan (undefined: a new stream); default
   * streamTradeMarket of @ledgerline/composition (MARKET_SEED; none for a stream stored before trades).
   */
  marketFor?: (stored: StreamPlan | undefined) => TradeMarket | undefined;
}

export interface StreamStageOptions {
  customers: number;
  ratePerSecond: number;
  /** First simulated month of a new stream, YYYY-MM (a resumed stream keeps its own). */
  startMonth: string;
  /**
   * `wall` (default): a transaction goes out when the wall clock reaches its occurred_at — the
   * history up to now at `ratePerSecond`, then each one when its time comes — so nothing is ever
   * future-dated and a restart continues at now. `fast`: as fast as `ratePerSecond` allows, the
   * simulated clock running ahead of the wall clock into the future (demos; the banner says so).
   */
  clock?: StreamClock;
  /** The wall clock (tests move it by hand). */
  now?: () => number;
  onProduced?: (count: number) => void;
  /** Ends the start-up wait for a store or broker that is not up yet (a stop requested meanwhile). */
  signal?: AbortSignal;
}

export type StreamClock = 'wall' | 'fast';

/** Where the stream stands against the wall clock. */
export interface StreamTimeline {
  clock: StreamClock;
  /** occurred_at of the next transaction, held back until its time: set once everything due is published and acknowledged (wall clock only). */
  nextDueAt?: Date;
}

export interface StreamStage {
  /** Where the stream stands against the wall clock (for the status line). */
  timeline(): StreamTimeline;
  /** account_id -> balance before the first streamed transaction. */
  readonly openingBalances: Record<string, string>;
  /** The stream's plan (a resumed stream's first month and customers, not this run's options). */
  readonly plan: StreamPlan;
  /** The market its trades are priced on (none: a stream stored before trades existed); statements of it trade alike. */
  readonly market: TradeMarket | undefined;
  readonly producer: CountingPublisher;
  readonly sink: StreamSink;
  /** How far in simulated time the stream has landed (statements of a month wait for it). */
  readonly horizon: StreamHorizon;
  /** The log end and the sink's stored positions before this run produced or consumed anything. */
  readonly positionsBefore: StreamPositions;
  /** The same, read now (after stop(): what the stop's reconciliation compares). */
  positions(): Promise<StreamPositions>;
  /** Stops the producer (flushing what is in flight), then drains and stops the sink. */
  stop(): Promise<ProducerReport | undefined>;
}

/**
 * The realtime path inside the pipeline: customers and accounts are upserted first (the stream
 * references them), then the sink joins its group and the producer starts publishing.
 */
export async function startStreamStage(deps: StreamStageDeps, options: StreamStageOptions): Promise<StreamStage> {
  const { env, store, logger } = deps;
  // The stream's shape is the Kafka adapter's configuration, also when the in-process bus carries it.
  const stream = streamSettingsFromEnv(env);
  const requested: StreamPlan = { seed: env.GENERATOR_SEED, startMonth: options.startMonth, baseCurrency: env.BASE_CURRENCY, customers: options.customers, growth: [] };
  const marketFor = deps.marketFor ?? ((stored: StreamPlan | undefined) => streamTradeMarket(env, stored));
  const { cursor, market } = await resumeStream(deps.checkpoints, stream.topic, requested, logger, marketFor);
  const plan = cursor.currentPlan;
  const customers = cursor.customerRecords();
  // Derived from the customers (no draws), so a stream stored before companies gets them too.
  const { companies, customerCompanies } = cursor.companyRecords();
  const accounts = cursor.accountRecords();
  const openingBalances = cursor.openingBalances();
  // The balance step's inputs, in one transaction with the accounts: each balance is then what
  // has already landed says (a restart over an existing database), and every sink batch and
  // ingested file keeps it so in its own transaction.
  await store.withTransaction(async (tx) => {
    await tx.upsertCustomers(customers);
    await tx.upsertCompanies(companies);
    await tx.upsertCustomerCompanies(customerCompanies);
    await tx.upsertAccounts(accounts.map((a) => ({ ...a, balance: openingBalances[a.account_id] ?? a.balance })));
    await tx.recordOpeningBalances(openingBalances);
    await tx.recomputeBalances(accounts.map((a) => a.account_id));
  });
  logger.info('customers and accounts ready', { customers: customers.length, companies: companies.length, accounts: accounts.length });

  // The same topics, partition counts included, as a stand-alone stream sink ensures.
  await deps.admin.ensureTopics(sinkTopics(stream.topic, stream.partitions));
  await forgetOffsetsBeyondLog(deps.admin, store, stream.groupId, stream.topic, logger);
  const positions = () => readStreamPositions(deps.admin, store, stream.groupId, stream.topic);
  const positionsBefore = await positions();
  const sink = await startStreamSink(
    { subscriber: deps.subscriber, publisher: deps.publisher, admin: deps.admin, store: deps.sinkStore, logger: logger.child('sink') },
    { topic: stream.topic, groupId: stream.groupId, partitions: stream.partitions, signal: options.signal ?? new AbortController().signal, statsIntervalMs: 0 },
  );

  const producer = new CountingPublisher(new CheckpointingPublisher(deps.publisher, deps.checkpoints, stream.topic, plan, cursor.position), options.onProduced);
  const abort = new AbortController();
  const clock = options.clock ?? 'wall';
  const now = options.now ?? Date.now;
  const round = (source: Iterable<Transaction>) =>
    runProducer(
      { publisher: producer, logger: logger.child('producer') },
      { topic: stream.topic, source, ratePerSecond: options.ratePerSecond, progressIntervalMs: 0, signal: abort.signal },
    );
  const due = clock === 'wall' ? new DueTransactions(cursor, now) : undefined;
  if (due) warnIfAheadOfWallClock(due, now, logger);
  // True between rounds: everything due is published and acknowledged, the next is not due yet.
  const waiting = { now: false };
  const produced = due ? produceWhenDue(due, round, producer, abort.signal, waiting) : round(cursor);
  let stopped: Promise<ProducerReport | undefined> | undefined;
  const timeline = (): StreamTimeline => {
    const next = waiting.now ? due?.nextDueAt() : undefined;
    return { clock, ...(next ? { nextDueAt: next } : {}) };
  };
  const horizon = new StreamHorizon({
    acknowledgedThrough: () => producer.acknowledgedThrough,
    timeline,
    logEnds: () => deps.admin.endOffsets(stream.topic),
    storedOffsets: () => store.loadOffsets(stream.groupId, stream.topic),
  });
  return {
    timeline,
    horizon,
    openingBalances,
    plan,
    market,
    producer,
    sink,
    positionsBefore,
    positions,
    stop: () => {
      stopped ??= (async () => {
        abort.abort();
        const report = await produced.catch((error: unknown) => {
          logger.error('producer failed', { error });
          return undefined;
        });
        await deps.publisher.flush();
        // Let the sink catch up with the log (bounded): what this run produced and what an
        // earlier run left unconsumed, so a stop lands everything.
        const backlog = positionsBefore.logEnd - positionsBefore.stored;
        const deadline = Date.now() + 15_000;
        while (sink.stats().received < backlog + producer.published && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await sink.stop();
        return report;
      })();
      return stopped;
    },
  };
}

/**
 * Rounds of the producer over what is due: everything whose time has come goes out (at the
 * producer's rate), then it sleeps until the next transaction's time — woken at least every
 * minute, so a clock change (suspend, NTP step) never leaves it asleep for long.
 */
async function produceWhenDue(
  due: DueTransactions,
  round: (source: Iterable<Transaction>) => Promise<ProducerReport>,
  producer: CountingPublisher,
  signal: AbortSignal,
  waiting: { now: boolean },
): Promise<ProducerReport | undefined> {
  let last: ProducerReport | undefined;
  while (!signal.aborted) {
    waiting.now = false;
    last = await round(due);
    waiting.now = true;
    await abortableSleep(Math.min(due.msUntilNext(), 60_000), signal).catch(() => undefined);
  }
  return last && { ...last, sent: producer.published };
}

/** A stream stored by a `--clock fast` run may lie ahead of now: nothing new comes until now reaches it. */
function warnIfAheadOfWallClock(due: DueTransactions, now: () => number, logger: Logger): void {
  const next = due.nextDueAt();
  if (next && next.getTime() - now() > 24 * 3600 * 1000) {
    logger.warn('this data directory holds a stream ahead of the wall clock (an earlier --clock fast run): no new transaction until then', {
      next_transaction_at: next.toISOString(),
    });
  }
}
