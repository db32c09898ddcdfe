import type { Logger } from '@ledgerline/logging';
import type { QuiesceGate } from './quiesce-gate.ts';
import {
  DbtBuildFailedError,
  DEFAULT_SYNC_TABLES,
  runSyncCycle,
  type ChangeFeed,
  type DbtBuildSummary,
  type DbtRunner,
  type DerivedTables,
  type SyncCycleResult,
  type TableSyncReport,
  type Warehouse,
} from '@ledgerline/warehouse-sync';

export interface SyncStageDeps {
  changeFeed: ChangeFeed;
  warehouseFactory: () => Warehouse;
  dbt?: DbtRunner;
  derivedTables?: DerivedTables;
  batchSize: number;
  logger: Logger;
  /** Held from the start of a sync until its data is loaded (before dbt): see QuiesceGate. */
  gate?: QuiesceGate;
  /** The loaded tables' reports, as soon as they are in the warehouse (before dbt): for metrics. */
  onTablesSynced?: (reports: readonly TableSyncReport[]) => void;
}

export interface LastSync {
  at: Date;
  rows: number;
  dbt: DbtBuildSummary | null;
}

/** What the stage is doing right now (for the status line). */
export type SyncPhase = 'idle' | 'syncing' | 'dbt';

/** One warehouse sync (+ dbt build when rows changed); remembers the outcome for the status line. */
export class SyncStage {
  last: LastSync | undefined;
  lastDbt: DbtBuildSummary | undefined;
  /** When the last dbt build finished. */
  lastDbtAt: Date | undefined;
  phase: SyncPhase = 'idle';
  private readonly dbt: DbtRunner | undefined;

  constructor(private readonly deps: SyncStageDeps) {
    const inner = deps.dbt;
    // The phase follows the build itself: the cycle runs dbt only after a sync that changed rows.
    this.dbt = inner && {
      build: async () => {
        this.phase = 'dbt';
        try {
          return await inner.build();
        } finally {
          this.lastDbtAt = new Date();
          this.phase = 'syncing';
        }
      },
    };
  }

  /**
   * `rawChangedOutside`: rows written to RAW by others (the market stage) since the last build;
   * when the sync itself changed none, dbt is built for those.
   */
  async run({ rawChangedOutside = 0 }: { rawChangedOutside?: number } = {}): Promise<SyncCycleResult> {
    this.phase = 'syncing';
    const release = this.deps.gate ? await this.deps.gate.acquire() : () => undefined;
    try {
      const result = await this.cycle(release);
      if (result.dbt || !this.dbt || rawChangedOutside === 0) return result;
      this.deps.logger.info('running dbt build', { rawChangedOutside });
      const summary = await this.dbt.build();
      if (summary.failures.length > 0) throw new DbtBuildFailedError(summary);
      this.lastDbt = summary;
      if (this.last) this.last = { ...this.last, dbt: summary };
      return { ...result, dbt: summary };
    } finally {
      release();
      this.phase = 'idle';
    }
  }

  private async cycle(release: () => void): Promise<SyncCycleResult> {
    const result = await runSyncCycle(
      {
        changeFeed: this.deps.changeFeed,
        warehouse: this.deps.warehouseFactory(),
        batchSize: this.deps.batchSize,
        logger: this.deps.logger,
        onTablesSynced: (reports) => {
          release(); // data loaded: the stream may continue while dbt builds
          this.deps.onTablesSynced?.(reports);
          for (const r of reports) {
            this.deps.logger.info('table synced', {
              table: r.table,
              rowsRead: r.rowsRead,
              merged: r.upserted,
              deleted: r.deleted,
              watermarkBefore: r.watermarkBefore,
              watermarkAfter: r.watermarkAfter,
              durationMs: r.durationMs,
            });
          }
        },
        ...(this.dbt ? { dbt: this.dbt } : {}),
        ...(this.deps.derivedTables ? { derivedTables: this.deps.derivedTables } : {}),
      },
      { tables: DEFAULT_SYNC_TABLES },
    );
    const rows = result.tables.reduce((sum, t) => sum + t.upserted + t.deleted, 0);
    this.last = { at: new Date(), rows, dbt: result.dbt };
    if (result.dbt) this.lastDbt = result.dbt;
    return result;
  }
}
