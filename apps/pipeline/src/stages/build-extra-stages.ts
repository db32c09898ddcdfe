import type { LedgerlineEnv } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import type { Logger } from '@ledgerline/logging';
import type { ExtraStage } from './extra-stage.ts';
import { indexStage } from './index-stage.ts';
import { batchStage } from './batch-stage.ts';
import { EVENT_PUBLISHER, EVENT_SUBSCRIBER, TOPIC_ADMIN, TRANSACTION_STORE, type TransactionStore } from '@ledgerline/ingestion';
import { CHANGE_SOURCE } from '@ledgerline/cdc';
import { cdcStage } from './cdc-stage.ts';
import { marketStage } from './market-stage.ts';
import type { QuiesceGate } from './quiesce-gate.ts';
import type { StreamPlan, TradeMarket } from '@ledgerline/transactions';

export interface ExtraStageContext {
  env: LedgerlineEnv;
  root: CompositionRoot;
  logger: Logger;
  repoRoot: string;
  customers: number;
  /** The stream's growth points: statements replay them, so they stay the stream's after a --customers increase. */
  growth: StreamPlan['growth'];
  /** The stream's first simulated month (statements of it share the stream's tx_ids). */
  startMonth: string;
  /** The stream's market (its statements carry the same trades); absent: no trades. */
  market?: TradeMarket;
  /** The store batch files load into (gated, like the sink's). */
  batchStore: () => TransactionStore;
  onBatchFile?: (outcome: 'ingested' | 'duplicate' | 'quarantined' | 'failed') => void;
  /** The stream of this process, when one runs: statements of a month wait until it has landed the month. */
  untilStreamLanded?: (instant: Date, signal: AbortSignal) => Promise<void>;
  /** Held by each warehouse sync cycle (dbt included): the market stage writes RAW only outside it. */
  warehouseLock: QuiesceGate;
}

/** The optional stages (batch statements, vector index, market data), wired as their libraries land. */
export async function buildExtraStages(ctx: ExtraStageContext): Promise<ExtraStage[]> {
  return [
    batchStage(ctx.env, ctx.logger.child('batch'), {
      customers: ctx.customers,
      growth: ctx.growth,
      startMonth: ctx.startMonth,
      ...(ctx.market ? { market: ctx.market } : {}),
      store: ctx.batchStore,
      ...(ctx.onBatchFile ? { onFile: ctx.onBatchFile } : {}),
      ...(ctx.untilStreamLanded ? { untilStreamLanded: ctx.untilStreamLanded } : {}),
    }),
    indexStage(ctx.env, ctx.repoRoot, ctx.logger.child('index')),
    ...(ctx.env.PIPELINE_MARKET_ENABLED
      ? [
          marketStage({
            env: ctx.env,
            logger: ctx.logger.child('market'),
            publisher: ctx.root.resolve(EVENT_PUBLISHER),
            subscriber: ctx.root.resolve(EVENT_SUBSCRIBER),
            admin: ctx.root.resolve(TOPIC_ADMIN),
            warehouseLock: ctx.warehouseLock,
          }),
        ]
      : []),
    ...(ctx.root.has(CHANGE_SOURCE)
      ? [
          cdcStage({
            env: ctx.env,
            logger: ctx.logger.child('cdc'),
            source: ctx.root.resolve(CHANGE_SOURCE),
            publisher: ctx.root.resolve(EVENT_PUBLISHER),
            subscriber: ctx.root.resolve(EVENT_SUBSCRIBER),
            admin: ctx.root.resolve(TOPIC_ADMIN),
            offsets: ctx.root.resolve(TRANSACTION_STORE),
            warehouseLock: ctx.warehouseLock,
          }),
        ]
      : []),
  ];
}
