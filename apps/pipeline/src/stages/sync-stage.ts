import type { Logger } from '@ledgerline/logging';
import {
  DEFAULT_SYNC_TABLES,
  runSyncCycle,
  type ChangeFeed,
  type DbtBuildSummary,
  type DbtRunner,
  type SyncCycleResult,
  type Warehouse,
} from '@ledgerline/warehouse-sync';

export interface SyncStageDeps {
  changeFeed: ChangeFeed;
  warehouseFactory: () => Warehouse;
  dbt?: DbtRunner;
  batchSize: number;
  logger: Logger;
  /** Runs before each sync (the pipeline refreshes account balances from landed transactions). */
  beforeSync?: () => Promise<void>;
}

export interface LastSync {
  at: Date;
  rows: number;
  dbt: DbtBuildSummary | null;
}

/** One warehouse sync (+ dbt build when rows changed); remembers the outcome for the status line. */
export class SyncStage {
  last: LastSync | undefined;
  lastDbt: DbtBuildSummary | undefined;

  constructor(private readonly deps: SyncStageDeps) {}

  async run(): Promise<SyncCycleResult> {
    await this.deps.beforeSync?.();
    const result = await runSyncCycle(
      {
        changeFeed: this.deps.changeFeed,
        warehouse: this.deps.warehouseFactory(),
        batchSize: this.deps.batchSize,
        logger: this.deps.logger,
        ...(this.deps.dbt ? { dbt: this.deps.dbt } : {}),
      },
      { tables: DEFAULT_SYNC_TABLES },
    );
    const rows = result.tables.reduce((sum, t) => sum + t.upserted + t.deleted, 0);
    this.last = { at: new Date(), rows, dbt: result.dbt };
    if (result.dbt) this.lastDbt = result.dbt;
    return result;
  }
}
