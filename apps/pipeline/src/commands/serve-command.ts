import type { LedgerlineEnv } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import { EVENT_PUBLISHER, EVENT_SUBSCRIBER, PRODUCER_CHECKPOINTS, TOPIC_ADMIN, TRANSACTION_STORE, type TransactionStore } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import { FLOW_RUNNER } from '@ledgerline/flows';
import { RUN_HISTORY } from '@ledgerline/pipeline';
import { DBT_RUNNER } from '@ledgerline/warehouse-sync';
import type { PipelineArgs } from '../cli-args.ts';
import { buildPipelineFlows } from '../flows/pipeline-flows.ts';
import { instrumentFlows, LastRuns } from '../flows/instrument-flows.ts';
import { createPipelineMetrics, trackSinkTotals } from '../metrics/pipeline-metrics.ts';
import { startMetricsServer } from '@ledgerline/metrics';
import { formatStatusLine, type StatusSnapshot } from '../status/live-status.ts';
import { startStreamStage } from '../stages/stream-stage.ts';
import { gatedStore, QuiesceGate } from '../stages/quiesce-gate.ts';
import { reconcileStream } from '../stream/stream-reconciliation.ts';
import { startHostedDashboard, type HostedDashboard } from '../dashboard/hosted-dashboard.ts';
import { dashboardLine } from '../status/where-to-look.ts';
import { StartedParts } from './started-parts.ts';

export interface ServeContext {
  env: LedgerlineEnv;
  root: CompositionRoot;
  args: PipelineArgs;
  logger: Logger;
  repoRoot: string;
  /** Resolves when the pipeline should stop (duration elapsed or a signal). */
  stopRequested: Promise<string>;
  write: (line: string) => void;
  /** The live status line (redrawn in place on a terminal); default: `write`. */
  status?: (line: string) => void;
  /** The live status stops: its last line stays as a normal line (after it, only `write`). */
  endStatus?: () => void;
  /** Why dbt is skipped in this configuration (shown in the status line). */
  dbtUnavailable?: string;
  /** Lines for stderr: errors the user must see even when stdout goes to a file. */
  writeError: (line: string) => void;
}

/** The first simulated month of the stream: two months back, so "last month" has data. */
export function streamStartMonth(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Runs every stage until asked to stop, then shuts down in dependency order so nothing is half
 * written: producer (flush) -> sink (drain, offsets committed with rows) -> flows (the running
 * ones finish) -> a final sync + dbt + index so the warehouse holds everything
 * that landed -> close connections.
 */
export async function serve(ctx: ServeContext): Promise<number> {
  const { env, root, args, logger } = ctx;
  const metrics = createPipelineMetrics({ syncIntervalSeconds: env.SYNC_INTERVAL_SECONDS });
  const metricsServer = env.METRICS_PORT > 0 ? await startMetricsServer(metrics.registry, env.METRICS_PORT, env.METRICS_HOST).catch((error: unknown) => {
    logger.warn('metrics endpoint not started', { error });
    return undefined;
  }) : undefined;
  if (metricsServer) logger.info('metrics', { url: metricsServer.url });

  const store = root.resolve(TRANSACTION_STORE);
  const startMonth = streamStartMonth(new Date());
  const gate = new QuiesceGate();
  // One warehouse cycle (sync, dbt, index) at a time with the market stage's RAW writes and the
  // dashboard's reads: dbt is another process and needs the DuckDB file to itself.
  const warehouseLock = new QuiesceGate();
  // Before any stage starts, so a taken port stops the job before it has done anything.
  let dashboard: HostedDashboard | undefined;
  try {
    dashboard = args.dashboard
      ? await startHostedDashboard(
          { env, logger: logger.child('dashboard'), history: root.resolve(RUN_HISTORY), admin: root.resolve(TOPIC_ADMIN), warehouseLock },
          args.dashboardPort ?? env.DASHBOARD_PORT,
        )
      : undefined;
  } catch (error) {
    await metricsServer?.close();
    throw error;
  }
  // Closed however the run ends: a refusal at start-up (a stream plan that does not match the
  // data directory) must exit, not hang on the dashboard's open listener.
  try {
    return await runStages(ctx, { metrics, store, startMonth, gate, warehouseLock, dashboard });
  } finally {
    await dashboard?.close();
    await metricsServer?.close();
  }
}

interface StartedEndpoints {
  readonly metrics: ReturnType<typeof createPipelineMetrics>;
  readonly store: TransactionStore;
  readonly startMonth: string;
  readonly gate: QuiesceGate;
  readonly warehouseLock: QuiesceGate;
  readonly dashboard: HostedDashboard | undefined;
}

async function runStages(ctx: ServeContext, started: StartedEndpoints): Promise<number> {
  const { env, args, logger } = ctx;
  const { dashboard } = started;
  ctx.write(dashboard ? dashboardLine({ url: dashboard.url, syncIntervalSeconds: env.SYNC_INTERVAL_SECONDS }) : dashboardLine({ off: '--no-dashboard' }));
  ctx.write(args.durationSeconds ? `Running for ${args.durationSeconds}s (Ctrl-C stops earlier).` : 'Running until Ctrl-C.');
  const startup = new AbortController();
  void ctx.stopRequested.then(() => startup.abort());
  // Until every stage runs, a failure stops what already started (started-parts.ts).
  const parts = new StartedParts();
  try {
    return await startAndRun(ctx, started, startup, parts);
  } catch (error) {
    startup.abort();
    logger.error('the main job failed; stopping what it had started', { error: error instanceof Error ? error.message : String(error) });
    await parts.stopAll(logger, START_FAILURE_STOP_MS);
    throw error;
  }
}

/** How long a failed start-up may take to stop what it had started before the failure is reported. */
const START_FAILURE_STOP_MS = 30_000;

async function startAndRun(ctx: ServeContext, started: StartedEndpoints, startup: AbortController, parts: StartedParts): Promise<number> {
  const { env, root, args, logger } = ctx;
  const { metrics, store, startMonth, gate, warehouseLock, dashboard } = started;
  const stream = await startStreamStage(
    {
      env,
      store,
      publisher: root.resolve(EVENT_PUBLISHER),
      subscriber: root.resolve(EVENT_SUBSCRIBER),
      admin: root.resolve(TOPIC_ADMIN),
      checkpoints: root.resolve(PRODUCER_CHECKPOINTS),
      sinkStore: gatedStore(store, gate),
      logger: logger.child('stream'),
    },
    { customers: args.customers, ratePerSecond: args.rate, startMonth, clock: args.clock, signal: startup.signal, onProduced: (n) => metrics.eventsProduced.inc(n) },
  );
  parts.add('stream', () => stream.stop());

  const built = await buildPipelineFlows({
    env,
    root,
    logger,
    repoRoot: ctx.repoRoot,
    // Statements replay the stream's plan (its first customers and each growth): they share its tx_ids.
    customers: stream.plan.customers,
    growth: stream.plan.growth,
    startMonth: stream.plan.startMonth,
    ...(stream.market ? { market: stream.market } : {}),
    batchStore: () => gatedStore(store, gate),
    // A stop ends the wait: the stream stops first, so it would never land more, and the flow
    // runner's graceful stop waits for running runs (up to its 15 min) without aborting them.
    untilStreamLanded: (instant, signal) => stream.horizon.waitUntilLanded(instant, AbortSignal.any([signal, startup.signal])),
    gate,
    warehouseLock,
    metrics,
  });
  const { sync, runSync, stages: extraStages } = built;

  // The scheduled work runs on the FlowRunner (pg-boss on this database: PGlite's one connection
  // embedded, PostgreSQL with DATABASE_URL). Each attempt is counted and recorded as before.
  const history = root.resolve(RUN_HISTORY);
  const lastRuns = new LastRuns();
  const runner = root.resolve(FLOW_RUNNER);
  const flows = instrumentFlows(built.flows, async (run) => {
    lastRuns.record(run);
    metrics.jobRuns.inc({ job_name: run.job, status: run.status });
    if (run.status === 'failed') logger.error('flow run failed', { flow: run.job, error: run.error });
    await history.record(run);
  });
  for (const flow of flows) for (const status of ['ok', 'failed']) metrics.jobRuns.inc({ job_name: flow.name, status }, 0);
  for (const stage of extraStages) {
    if (stage.start) await stage.start();
    if (stage.stop) parts.add(stage.name, () => stage.stop?.() ?? Promise.resolve());
  }
  const flowsStartedAt = new Date();
  parts.add('flow runner', () => runner.stop());
  await runner.start(flows);
  dashboard?.sources.flows.attach(runner, flows);
  // The month's statements at every start (the daily schedule then keeps them coming).
  await runner.trigger('batch-statements');

  const snapshot = (): StatusSnapshot => {
    const sinkStats = stream.sink.stats();
    const extra = Object.assign({}, ...extraStages.map((s) => s.status?.() ?? {})) as Partial<StatusSnapshot>;
    const nextSyncAt = sync.phase === 'idle' ? lastRuns.nextRunAt('warehouse-sync', env.SYNC_INTERVAL_SECONDS, flowsStartedAt) : undefined;
    return {
      produced: stream.producer.published,
      landed: sinkStats.stored,
      deadLettered: sinkStats.deadLettered,
      lag: Math.max(0, stream.positionsBefore.logEnd - stream.positionsBefore.stored + stream.producer.published - sinkStats.received),
      filesIngested: 0,
      filesQuarantined: 0,
      ...extra,
      stream: stream.timeline(),
      syncPhase: sync.phase,
      ...(nextSyncAt ? { nextSyncAt } : {}),
      ...(sync.last ? { lastSync: sync.last } : {}),
      ...(sync.lastDbt ? { dbt: sync.lastDbt } : {}),
      ...(sync.lastDbtAt ? { dbtAt: sync.lastDbtAt } : {}),
      ...(root.has(DBT_RUNNER) ? {} : { dbtDisabled: ctx.dbtUnavailable ?? 'DBT_ENABLED=false' }),
    };
  };
  const sinkTotals = trackSinkTotals(metrics, () => stream.sink.stats());
  const statusTimer = setInterval(() => {
    const s = snapshot();
    metrics.consumerLag.set(s.lag);
    (ctx.status ?? ctx.write)(formatStatusLine(s));
  }, args.statusEverySeconds * 1000);

  // Everything runs: from here the stop below (in dependency order) is the only way out.
  parts.clear();
  const reason = await ctx.stopRequested;
  logger.info('stopping', { reason });
  clearInterval(statusTimer);
  ctx.endStatus?.();
  const report = await stream.stop();
  sinkTotals.stop();
  sinkTotals.flush();
  dashboard?.sources.flows.detach('the main job is stopping');
  await runner.stop();
  for (const stage of extraStages) if (stage.stop) await stage.stop();

  let exitCode = 0;
  try {
    logger.info('final sync so the warehouse holds everything that landed');
    const finalRun = { job: 'warehouse-sync', startedAt: new Date() };
    const rows = await runSync();
    await history.record({ ...finalRun, finishedAt: new Date(), rows, status: 'ok' });
  } catch (error) {
    exitCode = 1;
    logger.error('final sync failed', { error });
    await history.record({ job: 'warehouse-sync', startedAt: new Date(), finishedAt: new Date(), rows: 0, status: 'failed', error: String(error) }).catch(() => undefined);
  }
  ctx.write(formatStatusLine(snapshot()));
  const sinkStats = stream.sink.stats();
  const reconciliation = reconcileStream({
    before: stream.positionsBefore,
    after: await stream.positions(),
    produced: report?.sent ?? stream.producer.published,
    landed: sinkStats.stored,
    deadLettered: sinkStats.deadLettered,
  });
  ctx.write(`stopped: ${reconciliation.summary}`);
  if (!reconciliation.ok) {
    logger.error('stream counts do not add up: events were lost or skipped', { summary: reconciliation.summary });
    ctx.writeError(`error: ${reconciliation.summary}`);
    exitCode = 1;
  }
  return exitCode;
}
