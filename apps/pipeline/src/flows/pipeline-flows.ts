import { meteredDbt, syncCycleMetrics } from '@ledgerline/composition';
import type { LedgerlineEnv } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import { validateFlowDefinitions, type FlowDefinition } from '@ledgerline/flows';
import type { TransactionStore } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import type { StreamPlan, TradeMarket } from '@ledgerline/transactions';
import { CHANGE_FEED, DBT_RUNNER, DERIVED_TABLES } from '@ledgerline/warehouse-sync';
import { WAREHOUSE_FACTORY } from '../container.ts';
import type { PipelineMetrics } from '../metrics/pipeline-metrics.ts';
import { buildExtraStages } from '../stages/build-extra-stages.ts';
import type { ExtraStage } from '../stages/extra-stage.ts';
import { QuiesceGate } from '../stages/quiesce-gate.ts';
import { SyncStage } from '../stages/sync-stage.ts';
import { landingFlows } from './landing-flows.ts';
import { warehouseFlows } from './warehouse-flows.ts';

export interface PipelineFlowsContext {
  env: LedgerlineEnv;
  root: CompositionRoot;
  logger: Logger;
  repoRoot: string;
  /** The stream's plan: statements of its months share its tx_ids. */
  customers: number;
  growth: StreamPlan['growth'];
  startMonth: string;
  /** The stream's market (docs/trades.md): statements of its months carry its trades. Absent: no trades. */
  market?: TradeMarket;
  /** The store batch files load into (the main job passes the one gated with the sink). */
  batchStore: () => TransactionStore;
  /** The sink/sync gate of the main job (absent for the CLI, which runs no sink). */
  gate?: QuiesceGate;
  /** The main job's stream (absent for the CLI): statements of a month wait until it has landed the month. */
  untilStreamLanded?: (instant: Date, signal: AbortSignal) => Promise<void>;
  /** Held by every warehouse writer and reader in this process (default: a new one). */
  warehouseLock?: QuiesceGate;
  metrics?: PipelineMetrics;
}

export interface PipelineFlows {
  /** Every named flow of the pipeline, validated (names unique, schedules sound). */
  flows: FlowDefinition[];
  stages: ExtraStage[];
  sync: SyncStage;
  /** One warehouse cycle under the warehouse lock (the main job's final sync calls it directly). */
  runSync(): Promise<number>;
}

/**
 * The pipeline's named flows, built on the existing use cases (the sync cycle, statement
 * generation and ingest, the market backfill, dbt, the CDC landing loader) for the main job and the
 * `flows` CLI alike: batch-statements, batch-ingest, market-prices, warehouse-sync, dbt-incremental,
 * landing-load, landing-reconcile.
 */
export async function buildPipelineFlows(ctx: PipelineFlowsContext): Promise<PipelineFlows> {
  const { env, root, logger, metrics } = ctx;
  // One warehouse writer at a time in this process (sync + dbt + index, market writes, the
  // landing loader): dbt is another process and needs the DuckDB file to itself.
  const warehouseLock = ctx.warehouseLock ?? new QuiesceGate();
  const stages = await buildExtraStages({
    env,
    root,
    logger,
    repoRoot: ctx.repoRoot,
    customers: ctx.customers,
    growth: ctx.growth,
    startMonth: ctx.startMonth,
    ...(ctx.market ? { market: ctx.market } : {}),
    batchStore: ctx.batchStore,
    ...(ctx.untilStreamLanded ? { untilStreamLanded: ctx.untilStreamLanded } : {}),
    ...(metrics ? { onBatchFile: (outcome: 'ingested' | 'duplicate' | 'quarantined' | 'failed') => metrics.batchFiles.inc({ outcome }) } : {}),
    warehouseLock,
  });
  // Every build counted and timed at the runner: the sync's and dbt-incremental's alike.
  const bound = root.has(DBT_RUNNER) ? root.resolve(DBT_RUNNER) : undefined;
  const dbt = bound && metrics ? meteredDbt(bound, metrics) : bound;
  const recorder = metrics ? syncCycleMetrics(metrics) : undefined;
  const sync = new SyncStage({
    changeFeed: root.resolve(CHANGE_FEED),
    warehouseFactory: root.resolve(WAREHOUSE_FACTORY),
    ...(dbt ? { dbt } : {}),
    ...(root.has(DERIVED_TABLES) ? { derivedTables: root.resolve(DERIVED_TABLES) } : {}),
    batchSize: env.SYNC_BATCH_SIZE,
    logger: logger.child('sync'),
    ...(ctx.gate ? { gate: ctx.gate } : {}),
    ...(recorder ? { onTablesSynced: recorder.tablesSynced } : {}),
  });
  // RAW rows the stages wrote outside the sync and no dbt build has seen yet. Taken under the
  // warehouse lock before the cycle: a write after that waits for the lock and counts for the next.
  let rawPending = 0;
  const syncCycle = async (): Promise<number> => {
    for (const stage of stages) rawPending += stage.takeRawChanges?.() ?? 0;
    const run = () => sync.run({ rawChangedOutside: rawPending });
    const result = await (recorder ? recorder.observe(run) : run());
    if (result.dbt) rawPending = 0;
    for (const stage of stages) if (stage.afterSync) await stage.afterSync();
    return sync.last?.rows ?? 0;
  };
  const runSync = () => warehouseLock.run(syncCycle);
  const staged = stages.flatMap((stage) => stage.flows);
  const flows = [
    ...staged,
    ...warehouseFlows({ runSync, everySeconds: env.SYNC_INTERVAL_SECONDS, warehouseLock, lastDbtAt: () => sync.lastDbtAt, ...(dbt ? { dbt } : {}) }),
    // The CDC stage (PIPELINE_CDC_ENABLED) brings its own `landing-load` (it counts what it loads for the status line).
    ...landingFlows({ env, logger: logger.child('landing'), warehouseLock }).filter((f) => !staged.some((s) => s.name === f.name)),
  ];
  validateFlowDefinitions(flows);
  return { flows, stages, sync, runSync };
}
