import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import { deadLetterTopic, sinkTopics, type EventPublisher, type EventSubscriber, type TopicAdmin } from '@ledgerline/ingestion';
import { streamSettingsFromEnv } from '@ledgerline/kafka';
import type { FlowDefinition, FlowInterval } from '@ledgerline/flows';
import type { Logger } from '@ledgerline/logging';
import {
  PRICES_TOPIC,
  SEED_ASSETS,
  backfillMarketData,
  landPrices,
  streamPrices,
  type BackfillRequest,
  type BoundSource,
  type NewsIndexer,
  type PriceLandingStats,
  type SourceOutcome,
} from '@ledgerline/market-data';
import { createMarketSources } from '@ledgerline/market-sources';
import { pipelineNewsIndexer } from './agent-vector-index.ts';
import type { ExtraStage } from './extra-stage.ts';
import { lockedMarketStore } from './locked-market-store.ts';
import type { QuiesceGate } from './quiesce-gate.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DRAIN_TIMEOUT_MS = 15_000;
const landedOrRejected = (stats: PriceLandingStats) => stats.landed + stats.deadLettered;

export interface MarketStageDeps {
  env: LedgerlineEnv;
  logger: Logger;
  /** The pipeline's bus: Kafka (topic `prices`) with KAFKA_BROKERS, else the durable in-process bus. */
  publisher: EventPublisher;
  subscriber: EventSubscriber;
  admin: TopicAdmin;
  /**
   * Held by dbt while it builds (dbt is another process and needs the DuckDB file to itself);
   * every market write takes it and lets go of the file before releasing it.
   */
  warehouseLock: QuiesceGate;
  now?: () => Date;
  /** The sources (tests pass their own); default from MARKET_SOURCES. */
  sources?: BoundSource[];
  /** The assets (tests use a few); default the whole seed list. */
  symbols?: string[];
  /** Where landed news are indexed for the agent; default the agent's vector index (agent-vector-index.ts). */
  newsIndexer?: NewsIndexer;
  /** Topic and consumer group (tests use their own); default `prices` and PRICES_GROUP_ID. */
  topic?: string;
  groupId?: string;
}

export interface MarketStageStatus {
  pricesPublished: number;
  prices: PriceLandingStats;
  backfill: 'running' | 'done' | 'failed';
  /** The first minute of the live stream (the backfilled minutes end there). */
  liveFrom: string | null;
}

/** Sleeps, but wakes at once when the stage stops (streamPrices then sees the signal and ends). */
function wakingSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
}

/**
 * Market data inside the main job. At start: recent 1-minute bars (MARKET_INTRADAY_MINUTES,
 * ending at the last completed minute), the news and the daily bars of the last
 * MARKET_HISTORY_DAYS completed days straight into RAW; then the live stream from exactly
 * where the minutes ended. The live stream publishes every completed minute to the `prices` topic of the
 * pipeline's bus, and a consumer group lands the topic in RAW (idempotent upsert on source,
 * symbol, interval, open_time; bad events to `prices.dlq`) — the path transactions take.
 * The warehouse sync's dbt build then turns RAW into the vault, marts and indicators.
 */
export function marketStage(deps: MarketStageDeps): ExtraStage & { marketStatus(): MarketStageStatus } {
  const { env, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const raw = duckDbFromEnv(env).marketRawStore();
  // Stops the backfill and the stream; `closing` (later) ends the store's waits for the file.
  const stopping = new AbortController();
  const closing = new AbortController();
  const store = lockedMarketStore(raw, deps.warehouseLock, { signal: closing.signal, logger });
  const sources = deps.sources ?? createMarketSources(env);
  const symbols = deps.symbols ?? SEED_ASSETS.map((asset) => asset.symbol);
  const topic = deps.topic ?? PRICES_TOPIC;
  const newsIndexer = deps.newsIndexer ?? pipelineNewsIndexer(env);
  let landing: Awaited<ReturnType<typeof landPrices>> | undefined;
  let running: Promise<void> | undefined;
  let published = 0;
  let backfill: MarketStageStatus['backfill'] = 'running';
  let liveFrom: string | null = null;
  const moved = (outcomes: SourceOutcome[]) => outcomes.reduce((sum, o) => sum + o.bars.inserted + o.bars.updated + o.news.inserted + o.news.updated, 0);
  const status = (): MarketStageStatus => ({ pricesPublished: published, prices: landing?.stats() ?? { landed: 0, deadLettered: 0 }, backfill, liveFrom });

  // Rows a whole backfill (the start-up one, a day of the daily flow) moved into RAW, handed to
  // the sync cycle (takeRawChanges) when it ends: the next cycle builds dbt for them, so the daily
  // bars' indicators appear right after the start-up backfill instead of at dbt-incremental's
  // next run (up to ten minutes on). Counted per backfill, not per step: a build between its steps
  // would hold the warehouse lock the next step waits for. The live minutes are not counted: a
  // build per landed minute would keep dbt running; dbt-incremental covers them.
  let rawChanges = 0;
  let backfillMoved = 0;
  const load = async (what: string, request: Omit<BackfillRequest, 'symbols' | 'signal'>): Promise<SourceOutcome[]> => {
    const outcomes = await backfillMarketData({ sources, store, now, newsIndexer }, { ...request, symbols });
    backfillMoved += moved(outcomes);
    for (const o of outcomes) {
      const fields = { what, source: o.source, outcome: o.outcome, bars: o.bars, news: o.news, newsIndexed: o.newsIndexed, quarantined: o.quarantined, error: o.error };
      if (o.outcome === 'failed') logger.warn('market backfill of a source failed (the others are loaded)', fields);
      else logger.info('market backfill', fields);
    }
    return outcomes;
  };

  const handOver = () => {
    rawChanges += backfillMoved;
    backfillMoved = 0;
  };

  /** Recent minutes, news and completed days into RAW, ending now; returns where the stream starts. */
  const backfillHistory = async (): Promise<string> => {
    const minute = Math.floor(now().getTime() / MINUTE_MS) * MINUTE_MS;
    const today = Math.floor(minute / DAY_MS) * DAY_MS;
    const live = new Date(minute).toISOString();
    try {
      if (env.MARKET_INTRADAY_MINUTES > 0) {
        await load('intraday', { from: new Date(minute - env.MARKET_INTRADAY_MINUTES * MINUTE_MS).toISOString(), to: live, intervals: ['1m'], news: false });
      }
      if (env.MARKET_HISTORY_DAYS > 0) {
        const from = new Date(today - env.MARKET_HISTORY_DAYS * DAY_MS).toISOString();
        await load('news', { from, to: live, intervals: [], news: true });
        // Completed days only: today's daily bar is not closed yet.
        await load('daily', { from, to: new Date(today).toISOString(), intervals: ['1d'], news: false });
      }
      backfill = 'done';
    } catch (error) {
      backfill = 'failed';
      logger.error('market history backfill failed (the live stream starts anyway)', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      handOver();
    }
    return live;
  };

  /**
   * One UTC day's daily bar, hourly bars and news (a day still going: up to the last completed
   * minute). Hourly, not 1-minute: a day of minutes of 70 assets from three sources is ~150k bars
   * (minutes ~7 min here); the live stream lands the minutes as they close.
   */
  const loadDay = async (day: FlowInterval): Promise<number> => {
    const lastMinute = new Date(Math.floor(now().getTime() / MINUTE_MS) * MINUTE_MS).toISOString();
    const from = `${day.start}T00:00:00.000Z`;
    const end = `${day.end}T00:00:00.000Z`;
    const to = end < lastMinute ? end : lastMinute;
    if (from >= to) throw new Error(`${day.start} has not started yet: no prices to load`);
    let outcomes: SourceOutcome[];
    try {
      outcomes = [
        ...(await load('daily', { from, to, intervals: end <= lastMinute ? ['1d'] : [], news: true })),
        ...(await load('intraday', { from, to, intervals: ['1h'], news: false })),
      ];
    } finally {
      handOver();
    }
    const failed = outcomes.filter((o) => o.outcome === 'failed');
    // What the other sources loaded stays (upserts); the retry loads the failed ones again.
    if (failed.length > 0) throw new Error(`market prices of ${day.start}: ${failed.map((o) => `${o.source}: ${o.error ?? 'failed'}`).join('; ')}`);
    return moved(outcomes);
  };
  const pricesFlow: FlowDefinition = {
    name: 'market-prices',
    description: "daily: the completed day's daily and hourly bars and news into RAW (backfill: each day); the live minutes stream all along",
    schedule: '20 0 * * *',
    missed: 'once',
    backfillable: true,
    retry: { limit: 3, delaySeconds: 60, backoff: true },
    timeoutSeconds: 3600,
    run: async (context) => {
      const today = new Date(Math.floor(now().getTime() / DAY_MS) * DAY_MS);
      const yesterday = { start: new Date(today.getTime() - DAY_MS).toISOString().slice(0, 10), end: today.toISOString().slice(0, 10) };
      return { rows: await loadDay(context.interval ?? yesterday) };
    },
  };

  const stream = (live: string) =>
    streamPrices({
      sources,
      publisher: deps.publisher,
      topic,
      symbols,
      now,
      sleep: wakingSleep(stopping.signal),
      signal: stopping.signal,
      pollMs: env.MARKET_POLL_MS,
      from: live,
      onRound: async (bars) => void (published += bars.length),
      onError: (error, bound) => logger.warn('price stream round failed; its minutes are retried next round', { source: bound.source.id, error: error instanceof Error ? error.message : String(error) }),
    }).then(() => undefined);

  return {
    name: 'market',
    flows: [pricesFlow],
    async start() {
      await deps.admin.ensureTopics(sinkTopics(topic, streamSettingsFromEnv(env).partitions));
      landing = await landPrices({
        subscriber: deps.subscriber,
        deadLetters: deps.publisher,
        store,
        now,
        onLanded: ({ landed, deadLettered }) => {
          if (deadLettered > 0) logger.warn('price events dead-lettered', { topic: deadLetterTopic(topic), count: deadLettered });
          logger.debug('prices landed', { landed });
        },
        onRetry: (error, attempt) => logger.warn('landing prices failed; retrying', { attempt, error: error instanceof Error ? error.message : String(error) }),
      }, { topic, ...(deps.groupId ? { groupId: deps.groupId } : {}) });
      // In the background, so the other stages' jobs start at once; a stop waits for it (it is
      // bounded by MARKET_HISTORY_DAYS), so every source's run is recorded whole.
      running = backfillHistory()
        .then((live) => {
          liveFrom = live;
          return stopping.signal.aborted ? undefined : stream(live);
        })
        .catch((error: unknown) => logger.error('price stream failed', { error: error instanceof Error ? error.message : String(error) }));
      logger.info('market stage started', { sources: sources.map((s) => s.recordSource), symbols: symbols.length, topic });
    },
    async stop() {
      stopping.abort();
      await running;
      // Let the landing catch up with what the stream published (bounded: whatever is left stays
      // on the topic and lands at the next start), then leave the group.
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (landing && landedOrRejected(landing.stats()) < published && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await landing?.subscription.stop();
      closing.abort();
      await raw.close();
      logger.info('market stage stopped', { ...status() });
    },
    takeRawChanges() {
      const taken = rawChanges;
      rawChanges = 0;
      return taken;
    },
    marketStatus: status,
  };
}
