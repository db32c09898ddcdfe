import type { PgBoss as PgBossClass } from 'pg-boss';
import {
  dailyIntervals,
  validateFlowDefinitions,
  type BackfillResult,
  type FlowDefinition,
  type FlowRunner,
  type FlowRunRecord,
  type ManualRunOutcome,
} from '@ledgerline/flows';
import { backfillRunId } from './backfill-run-id.ts';
import { pgBossFlowRunnerOptionsSchema, type PgBossFlowRunnerOptions, type ResolvedPgBossFlowRunnerOptions } from './configuration.ts';
import { registerFlows } from './flow-catalog.ts';
import { startIntervalTicker } from './interval-ticker.ts';
import { RunRequests } from './request-run.ts';
import { recentRuns, type PgBossSql } from './recent-runs.ts';

/** Seconds without a heartbeat after which pg-boss fails a running run (its minimum is 10). */
const HEARTBEAT_SECONDS = 15;

interface RunData {
  interval?: { start: string; end: string };
}

/**
 * Flows on pg-boss (a maintained job library on PostgreSQL; its locking — SELECT ... FOR UPDATE
 * SKIP LOCKED — is what makes each run execute once across worker processes). One queue per flow
 * with the `singleton` policy: at most one run of a flow is active at a time, any number may wait,
 * so a run that outlasts its interval delays the next instead of overlapping it. Retries, backoff,
 * timeouts (expireInSeconds) and cron schedules with a missed-occurrence policy are pg-boss'.
 * History is pg-boss' own job table. Embedded mode hands it a database handle instead of a URL:
 * the operational store's one PGlite connection (each statement checks it out of the store's pool,
 * so it waits for an open transaction instead of landing inside it) — the same library and
 * guarantees on one connection, one worker process.
 */
export class PgBossFlowRunner implements FlowRunner {
  private readonly options: ResolvedPgBossFlowRunnerOptions;
  private boss: PgBossClass | undefined;
  private flows = new Map<string, FlowDefinition>();
  private tickers: Array<() => void> = [];
  private readonly requests: RunRequests;

  constructor(
    options: PgBossFlowRunnerOptions,
    /** A database handle (embedded mode) instead of `connectionString`. */
    private readonly db?: PgBossSql,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.options = pgBossFlowRunnerOptionsSchema.parse(options);
    if (!this.options.connectionString && !db) throw new Error('the pg-boss flow runner needs a connectionString or a database handle');
    this.requests = new RunRequests(() => this.startedBoss().getDb(), this.options.schema);
  }

  async start(flows: readonly FlowDefinition[], { work = true, schedules = true }: { work?: boolean; schedules?: boolean } = {}): Promise<void> {
    validateFlowDefinitions(flows);
    // Loaded here, not at import: apps that never run flows do not pay for the library.
    const { PgBoss } = await import('pg-boss');
    const { schema, connectionString, maxConnections } = this.options;
    // A given handle has no LISTEN: workers poll (pollingIntervalSeconds).
    // `schedule: false`: this instance sends no cron jobs either (a CLI run leaves that to the workers).
    const boss = this.db ? new PgBoss({ db: this.db, schema, schedule: schedules }) : new PgBoss({ connectionString, schema, max: maxConnections, schedule: schedules });
    // Run failures are in run states and history; library errors (a lost connection) go to the
    // host's logger and never crash the process.
    boss.on('error', (error) => this.onError(error));
    await boss.start();
    this.boss = boss;
    // For processes that run no flows (the standalone dashboard): what this one runs.
    await registerFlows(boss.getDb(), schema, flows, { prune: work && schedules });
    for (const flow of flows) {
      this.flows.set(flow.name, flow);
      const queue = {
        retryLimit: flow.retry.limit,
        retryDelay: flow.retry.delaySeconds,
        retryBackoff: flow.retry.backoff,
        expireInSeconds: flow.timeoutSeconds,
        // A worker that dies mid-run (SIGKILL, power) stops beating: pg-boss fails the run and
        // retries it after ~HEARTBEAT_SECONDS instead of holding the flow's one active slot until
        // the timeout.
        heartbeatSeconds: HEARTBEAT_SECONDS,
      };
      // A queue's policy is fixed at creation; a later start (another worker, a new release) only
      // updates the retry and timeout settings.
      if (await boss.getQueue(flow.name)) await boss.updateQueue(flow.name, queue);
      else await boss.createQueue(flow.name, { ...queue, policy: 'singleton' });
      if (schedules) {
        if (flow.schedule) await boss.schedule(flow.name, flow.schedule, {}, { tz: 'UTC', missed: flow.missed });
        else await boss.unschedule(flow.name);
      }
      if (work) {
        if (this.options.singleWorker) await this.failOrphans(boss, flow.name);
        await this.work(boss, flow);
        if (flow.everySeconds && schedules) this.tickers.push(startIntervalTicker(boss, flow.name, flow.everySeconds, this.onError));
      }
    }
  }

  /**
   * With one worker by construction (embedded: PGlite opens in one process only), a run still
   * `active` at start belongs to the previous process, which stopped while it ran: it is failed at
   * once with that reason (and retried by the policy), not left to the heartbeat monitor.
   */
  private async failOrphans(boss: PgBossClass, flow: string): Promise<void> {
    const { rows } = await boss.getDb().executeSql(`SELECT id::text AS id FROM ${this.options.schema}.job WHERE name = $1 AND state = 'active'`, [flow]);
    const ids = rows.map((row) => String((row as { id: unknown }).id));
    if (ids.length > 0) await boss.fail(flow, ids, { message: 'the process running it stopped before the run finished' });
  }

  private async work(boss: PgBossClass, flow: FlowDefinition): Promise<void> {
    await boss.work<RunData, { rows: number }>(flow.name, { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds }, async ([job]) => {
      if (!job) return { rows: 0 };
      const interval = job.data?.interval;
      const result = await flow.run({ flow: flow.name, runId: job.id, attempt: job.retryCount + 1, signal: job.signal, ...(interval ? { interval } : {}) });
      return { rows: result.rows };
    });
  }

  private started(flow: string): PgBossClass {
    if (!this.boss) throw new Error('the flow runner is not started');
    if (!this.flows.has(flow)) throw new Error(`unknown flow '${flow}' (known: ${[...this.flows.keys()].join(', ') || 'none'})`);
    return this.boss;
  }

  private startedBoss(): PgBossClass {
    if (!this.boss) throw new Error('the flow runner is not started');
    return this.boss;
  }

  private async send(boss: PgBossClass, flow: string): Promise<string> {
    const id = await boss.send(flow, {});
    if (!id) throw new Error(`pg-boss did not queue a run of '${flow}'`);
    return id;
  }

  async trigger(flow: string): Promise<string> {
    return this.send(this.started(flow), flow);
  }

  async requestRun(flow: string): Promise<ManualRunOutcome> {
    const boss = this.started(flow);
    return this.requests.request(flow, () => this.send(boss, flow));
  }

  async backfill(flow: string, from: string, to: string): Promise<BackfillResult> {
    const boss = this.started(flow);
    if (!this.flows.get(flow)?.backfillable) throw new Error(`flow '${flow}' is not backfillable: it always works on the latest data (run it with trigger)`);
    const jobs = dailyIntervals(from, to).map((interval) => ({ id: backfillRunId(flow, interval.start), data: { interval } }));
    let existing = 0;
    for (const job of jobs) if ((await boss.findJobs(flow, { id: job.id })).length > 0) existing += 1;
    // ON CONFLICT DO NOTHING on the id: a day queued by a concurrent backfill is not queued twice.
    await boss.insert(flow, jobs);
    return { queued: jobs.length - existing, existing };
  }

  async history({ flow, limit = 50 }: { flow?: string; limit?: number } = {}): Promise<FlowRunRecord[]> {
    const boss = this.boss;
    if (!boss) throw new Error('the flow runner is not started');
    if (flow) this.started(flow); // refuses an unknown flow by name
    return recentRuns(boss.getDb(), this.options.schema, flow ? [flow] : [...this.flows.keys()], limit);
  }

  async schedules(): Promise<Array<{ flow: string; cron: string }>> {
    const boss = this.boss;
    if (!boss) throw new Error('the flow runner is not started');
    const all = await boss.getSchedules();
    return all.filter((s) => this.flows.has(s.name)).map((s) => ({ flow: s.name, cron: s.cron })).sort((a, b) => a.flow.localeCompare(b.flow));
  }

  async stop(): Promise<void> {
    for (const stopTicker of this.tickers.splice(0)) stopTicker();
    const boss = this.boss;
    this.boss = undefined;
    if (boss) await boss.stop({ graceful: true, timeout: this.options.stopTimeoutSeconds * 1000 });
  }
}
