import type { PgBoss as PgBossClass } from 'pg-boss';
import type { FlowControl, FlowRunRecord, ManualRunOutcome, RegisteredFlow } from '@ledgerline/flows';
import { registeredFlows } from './flow-catalog.ts';
import { recentRuns } from './recent-runs.ts';
import { RunRequests } from './request-run.ts';

export interface PgBossFlowControlOptions {
  connectionString: string;
  schema?: string;
  /** Connections pg-boss may hold (reads and sends only). */
  maxConnections?: number;
}

/**
 * The flows of a pg-boss job store for a process that runs none of them: it reads the catalog the
 * workers wrote (flow-catalog.ts), the job table, and queues runs for the workers to execute. Its
 * pg-boss instance neither works, nor schedules, nor supervises (maintenance is the workers' job);
 * it connects on first use, so a dashboard starts while PostgreSQL is still coming up.
 */
export class PgBossFlowControl implements FlowControl {
  private readonly schema: string;
  private boss: Promise<PgBossClass> | undefined;
  private readonly requests: RunRequests;
  private db: ReturnType<PgBossClass['getDb']> | undefined;

  constructor(
    private readonly options: PgBossFlowControlOptions,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.schema = options.schema ?? 'ledgerline_flows';
    this.requests = new RunRequests(() => {
      if (!this.db) throw new Error('the job store is not connected');
      return this.db;
    }, this.schema);
  }

  private connect(): Promise<PgBossClass> {
    this.boss ??= (async () => {
      const { PgBoss } = await import('pg-boss');
      const boss = new PgBoss({ connectionString: this.options.connectionString, schema: this.schema, max: this.options.maxConnections ?? 2, schedule: false, supervise: false });
      boss.on('error', (error) => this.onError(error));
      await boss.start();
      this.db = boss.getDb();
      return boss;
    })().catch((error: unknown) => {
      // Not kept: the next request connects again (PostgreSQL may be back).
      this.boss = undefined;
      throw error;
    });
    return this.boss;
  }

  async flows(): Promise<RegisteredFlow[]> {
    const boss = await this.connect();
    return registeredFlows(boss.getDb(), this.schema);
  }

  private async known(flow: string): Promise<PgBossClass> {
    const boss = await this.connect();
    const flows = await registeredFlows(boss.getDb(), this.schema);
    if (!flows.some((f) => f.name === flow)) throw new Error(`unknown flow '${flow}' (known: ${flows.map((f) => f.name).join(', ') || 'none: no worker has registered flows yet'})`);
    return boss;
  }

  async history({ flow, limit = 50 }: { flow?: string; limit?: number } = {}): Promise<FlowRunRecord[]> {
    const boss = flow ? await this.known(flow) : await this.connect();
    const names = flow ? [flow] : (await registeredFlows(boss.getDb(), this.schema)).map((f) => f.name);
    return recentRuns(boss.getDb(), this.schema, names, limit);
  }

  async requestRun(flow: string): Promise<ManualRunOutcome> {
    const boss = await this.known(flow);
    return this.requests.request(flow, async () => {
      const id = await boss.send(flow, {});
      if (!id) throw new Error(`pg-boss did not queue a run of '${flow}'`);
      return id;
    });
  }

  async close(): Promise<void> {
    const pending = this.boss;
    this.boss = undefined;
    const boss = await pending?.catch(() => undefined);
    await boss?.stop({ graceful: false });
  }
}
