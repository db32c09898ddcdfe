import { tmpdir } from 'node:os';
import { silentLogger, type Logger } from '@ledgerline/logging';
import {
  WarehouseUnavailableError,
  WatermarkConflictError,
  type SyncTableSpec,
  type SyncWatermark,
  type Warehouse,
  type WarehouseBatch,
  type WarehouseHooks,
} from '@ledgerline/warehouse-sync';
import { snowflakeErrorDetails } from '../errors.ts';
import { SnowflakeWarehouseClient, type ConnectSnowflake, type WarehouseSession } from './client.ts';
import type { SnowflakeWarehouseSettings } from './configuration.ts';
import { classifySnowflakeError, describeSnowflakeError, toDomainFailure } from './errors.ts';
import { retryTransient } from './retry.ts';
import type { RawTarget } from './sql/identifiers.ts';
import { mergeStagingSql } from './sql/merge-sql.ts';
import {
  addColumnSql,
  createRawTableSql,
  createSchemaSql,
  createSyncLockSql,
  createSyncStateSql,
  describeTableSql,
  SYNC_STATE_TABLE,
  tableExistsSql,
  useSchemaSql,
} from './sql/schema-ddl.ts';
import { copyIntoStagingSql, createStagingSql, insertStagingSql, putStagingFileSql } from './sql/staging-sql.ts';
import { deleteAllRowsSql, deleteSyncStateSql, upsertSyncStateSql } from './sql/sync-state-sql.ts';
import { writeStagingCsv, type StagingCsvFile } from './staging-csv.ts';
import { chunkForBinds, maxChangeSeq, stagedRows, type StagedRow } from './staged-values.ts';
import { acquireSyncLock, newLockOwner, releaseSyncLock, renewSyncLock } from './sync-lock.ts';
import { readSyncState } from './sync-state.ts';

export interface SnowflakeWarehouseDeps {
  readonly connect: ConnectSnowflake;
  /** Who and where, for messages (`Snowflake account acme as LOADER, LEDGERLINE.RAW`); no secrets. */
  readonly target: string;
  readonly hooks?: WarehouseHooks;
  readonly logger?: Logger;
  /** Backoff sleep; tests pass an instant one. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** How a batch reaches the staging table. */
type StagingPlan = { kind: 'none' } | { kind: 'binds'; chunks: StagedRow[][] } | { kind: 'staged-file'; file: StagingCsvFile };

/**
 * The RAW contract on Snowflake through snowflake-sdk (imported lazily, on first connect).
 *
 * Each batch: a temporary staging table is (re)created and, for a large batch, a CSV file is
 * PUT into its stage (DDL and file transfer, so before BEGIN); then one transaction checks the
 * stored horizon, loads the staging table (array-bound INSERTs or COPY INTO), MERGEs it into
 * RAW.<table> and upserts RAW._SYNC_STATE, and commits. Any failure rolls all of it back;
 * transient failures retry the whole unit, never a single statement of an open transaction.
 */
export class SnowflakeWarehouse implements Warehouse {
  readonly target: RawTarget;
  private readonly client: SnowflakeWarehouseClient;
  private readonly logger: Logger;
  private lockTableReady = false;

  constructor(
    private readonly settings: SnowflakeWarehouseSettings,
    private readonly deps: SnowflakeWarehouseDeps,
  ) {
    this.target = { database: settings.database, schema: settings.schema };
    this.client = new SnowflakeWarehouseClient(deps.connect, deps.target);
    this.logger = (deps.logger ?? silentLogger).child('snowflake-warehouse');
  }

  async ensureSchema(tables: readonly SyncTableSpec[]): Promise<void> {
    await this.retrying('prepare the RAW schema', () =>
      this.client.exclusive(async (session) => {
        await session.useQueryTag(this.queryTag('schema'));
        await this.createSchemaAndBookkeeping(session);
        for (const spec of tables) {
          await session.execute(createRawTableSql(this.target, spec));
          const { rows } = await session.execute<{ name?: unknown }>(describeTableSql(this.target, spec.name));
          const existing = new Set(rows.map((r) => String(r.name)));
          for (const column of spec.columns.filter((c) => !existing.has(c.name.toUpperCase()))) {
            this.logger.info('adding warehouse column', { table: spec.name, column: column.name, type: column.type });
            await session.execute(addColumnSql(this.target, spec.name, column));
          }
        }
      }),
    );
  }

  async applyBatch(batch: WarehouseBatch): Promise<void> {
    const { table, upserts, deletes, watermark } = batch;
    const size = upserts.length + deletes.length;
    const plan = await this.stagingPlan(batch);
    const maxSeq = maxChangeSeq(upserts, deletes);
    const newHorizon = watermark.done ? watermark.toXid : watermark.fromXid;
    // Set once a COMMIT was sent: if its answer was lost, the next attempt finds our own horizon.
    let commitSent = false;
    try {
      await this.retrying(`load ${size} changes into ${table.name}`, () =>
        this.client.exclusive(async (session) => {
          await session.useQueryTag(this.queryTag(table.name));
          if (plan.kind !== 'none') await session.execute(createStagingSql(table));
          if (plan.kind === 'staged-file') await session.execute(putStagingFileSql(plan.file.path));
          await session.execute('BEGIN');
          try {
            const stored = (await readSyncState(session, this.target, table.name))?.horizon ?? 0n;
            if (stored !== watermark.fromXid) {
              if (commitSent && stored === newHorizon) {
                // Our previous attempt committed; only its answer got lost. Nothing left to do.
                await session.execute('ROLLBACK');
                this.logger.info('batch was already committed by the previous attempt', { table: table.name });
                return;
              }
              throw new WatermarkConflictError(table.name, `stored horizon ${stored} differs from the batch's fromXid ${watermark.fromXid}`);
            }
            if (plan.kind === 'binds') {
              for (const chunk of plan.chunks) await session.execute(insertStagingSql(table), { binds: chunk });
            } else if (plan.kind === 'staged-file') {
              await session.execute(copyIntoStagingSql(plan.file.stagedName));
            }
            if (plan.kind !== 'none') await session.execute(mergeStagingSql(this.target, table));
            await this.deps.hooks?.beforeWatermark?.(table.name);
            await session.execute(upsertSyncStateSql(this.target), {
              binds: [table.name, maxSeq === null ? null : maxSeq.toString(), newHorizon.toString()],
            });
            commitSent = true;
            await session.execute('COMMIT');
          } catch (error) {
            await session.execute('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }),
      );
    } finally {
      if (plan.kind === 'staged-file') await plan.file.remove();
    }
  }

  async readWatermark(table: string): Promise<SyncWatermark | null> {
    return this.retrying(`read the watermark of ${table}`, () =>
      this.client.exclusive(async (session) => {
        try {
          return await readSyncState(session, this.target, table);
        } catch (error) {
          if (isMissingObject(error)) return null; // _SYNC_STATE not created yet: never synced
          throw error;
        }
      }),
    );
  }

  async fullRefresh(table: string): Promise<void> {
    await this.retrying(`fully refresh ${table}`, () =>
      this.client.exclusive(async (session) => {
        await session.useQueryTag(this.queryTag(table));
        const dataExists = await this.tableExists(session, table);
        const stateExists = await this.tableExists(session, SYNC_STATE_TABLE);
        await session.execute('BEGIN');
        try {
          if (dataExists) await session.execute(deleteAllRowsSql(this.target, table));
          if (stateExists) await session.execute(deleteSyncStateSql(this.target), { binds: [table] });
          await session.execute('COMMIT');
        } catch (error) {
          await session.execute('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    );
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const owner = newLockOwner();
    const ttl = this.settings.lockTtlSeconds;
    await this.retrying(`take the warehouse lock "${name}"`, () =>
      this.client.exclusive(async (session) => {
        await session.useQueryTag(this.queryTag('lock'));
        if (!this.lockTableReady) await this.createSchemaAndBookkeeping(session);
        await acquireSyncLock(session, this.target, name, owner, ttl);
      }),
    );
    this.logger.debug('warehouse lock taken', { name, owner });
    // Renewed while fn runs, queued behind (never inside) a running batch transaction.
    const heartbeat = setInterval(() => void this.renewLock(name, owner), Math.max(1_000, (ttl * 1_000) / 3));
    heartbeat.unref();
    try {
      return await fn();
    } finally {
      clearInterval(heartbeat);
      await this.client
        .exclusive(async (session) => {
          await session.useQueryTag(this.queryTag('lock'));
          await releaseSyncLock(session, this.target, name, owner);
        })
        .catch((error: unknown) =>
          this.logger.warn('could not release the warehouse lock; it expires on its own', { name, ttlSeconds: ttl, error: describeSnowflakeError(error) }),
        );
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async renewLock(name: string, owner: string): Promise<void> {
    try {
      const held = await this.client.exclusive((session) => renewSyncLock(session, this.target, name, owner, this.settings.lockTtlSeconds));
      // The horizon check inside every batch still refuses a conflicting load; this is for people.
      if (!held) this.logger.error('the warehouse lock expired and was taken over by another sync', { name, owner });
    } catch (error) {
      this.logger.warn('could not renew the warehouse lock', { name, error: describeSnowflakeError(error) });
    }
  }

  private async createSchemaAndBookkeeping(session: WarehouseSession): Promise<void> {
    await session.execute(createSchemaSql(this.target));
    await session.execute(useSchemaSql(this.target));
    await session.execute(createSyncStateSql(this.target));
    await session.execute(createSyncLockSql(this.target));
    this.lockTableReady = true;
  }

  private async tableExists(session: WarehouseSession, table: string): Promise<boolean> {
    const { rows } = await session.execute<{ N: unknown }>(tableExistsSql(this.target), {
      binds: [this.target.schema, table.toUpperCase()],
      fetchAsString: ['Number'],
    });
    return rows[0]?.N === '1';
  }

  private async stagingPlan(batch: WarehouseBatch): Promise<StagingPlan> {
    const size = batch.upserts.length + batch.deletes.length;
    if (size === 0) return { kind: 'none' };
    const rows = stagedRows(batch.table, batch.upserts, batch.deletes);
    if (size <= this.settings.stagedFileThreshold) {
      return { kind: 'binds', chunks: chunkForBinds(rows, batch.table.columns.length + 2, this.settings.maxBindValuesPerInsert) };
    }
    const file = await writeStagingCsv(this.settings.stagingDir ?? tmpdir(), batch.table.name, rows);
    return { kind: 'staged-file', file };
  }

  private queryTag(what: string): string {
    return `${this.settings.queryTagPrefix}:${what}`;
  }

  private retrying<T>(what: string, unit: () => Promise<T>): Promise<T> {
    // Leaves the adapter as the domain's TransientError / TerminalError (errors.ts).
    return this.retryingUnit(what, unit).catch((error: unknown) => {
      throw toDomainFailure(error);
    });
  }

  private retryingUnit<T>(what: string, unit: () => Promise<T>): Promise<T> {
    return retryTransient(unit, {
      policy: this.settings.retry,
      classify: classifySnowflakeError,
      sleep: this.deps.sleep,
      onRetry: async ({ error, kind, attempt, delayMs }) => {
        this.logger.warn('transient Snowflake failure; retrying the whole unit', { what, attempt, delayMs, kind, error: describeSnowflakeError(error) });
        if (kind === 'reconnect') await this.client.reset();
      },
      giveUp: (error, attempts) =>
        new WarehouseUnavailableError(`${this.deps.target}: could not ${what}; still failing after ${attempts} attempts: ${describeSnowflakeError(error)}`, {
          cause: error,
        }),
    });
  }
}

function isMissingObject(error: unknown): boolean {
  return snowflakeErrorDetails(error).code === '002003';
}
