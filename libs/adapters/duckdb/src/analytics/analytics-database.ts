import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AnalyticsUnavailableError } from '@ledgerline/analytics';
import { leaseDuckDb, openDuckDbFiles, type DuckDbLease } from '../connection/shared-instances.ts';
import { instanceOptions } from '../connection/instance-settings.ts';

export interface AnalyticsDatabaseOptions {
  /** The DuckDB file (the warehouse file, or data/analytics.duckdb). */
  readonly path: string;
  /**
   * 'read-only' (default): a READ_ONLY instance without file-system access, so other processes
   * may read too and nothing here can write, even if SQL validation missed something.
   * 'shared': this process' shared read-write instance (for a process that also syncs).
   * Either way, a file this process already holds is used through the shared instance.
   */
  readonly access?: 'read-only' | 'shared';
  /** Close the file after this long without queries, so a writer (sync, dbt) can take it. */
  readonly idleCloseMs?: number;
  /** How long to keep retrying while a writer holds the file. */
  readonly lockWaitMs?: number;
}

interface OpenHandle {
  readonly connection: DuckDBConnection;
  close(): void;
}

const LOCK_CONFLICT = /Could not set lock|Conflicting lock/i;

/**
 * One lazily opened connection on an analytics DuckDB file, used by one query at a time (a
 * DuckDB connection runs one statement at a time; callers queue). Reopens after an idle close.
 */
export class AnalyticsDatabase {
  readonly path: string;
  private handle: Promise<OpenHandle> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly options: AnalyticsDatabaseOptions) {
    this.path = resolve(options.path);
  }

  /**
   * Runs `work` on the connection, opening the file first if needed. `generation` changes with
   * every (re)opening, so callers can drop what they cached on the previous connection.
   */
  use<T>(work: (connection: DuckDBConnection, generation: number) => Promise<T>): Promise<T> {
    const run = async () => {
      this.cancelIdleClose();
      try {
        const handle = await this.open();
        return await work(handle.connection, this.generation);
      } finally {
        this.scheduleIdleClose();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.cancelIdleClose();
    await this.queue;
    await this.release();
  }

  private open(): Promise<OpenHandle> {
    if (!this.handle) {
      this.generation += 1;
      const opening = this.connect();
      opening.catch(() => {
        if (this.handle === opening) this.handle = undefined;
      });
      this.handle = opening;
    }
    return this.handle;
  }

  private async connect(): Promise<OpenHandle> {
    if (!existsSync(this.path)) {
      throw new AnalyticsUnavailableError(`no analytics data at ${this.path}: run \`analytics sync\` first`);
    }
    const joinShared = this.options.access === 'shared' || openDuckDbFiles().includes(this.path);
    const deadline = Date.now() + (this.options.lockWaitMs ?? 5_000);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const handle = joinShared ? await this.leaseShared() : await this.openReadOnly();
        try {
          // Metric SQL never depends on the session zone; ad-hoc queries should not either.
          await handle.connection.run("SET TimeZone = 'UTC'");
        } catch (error) {
          handle.close();
          throw error;
        }
        return handle;
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        if (LOCK_CONFLICT.test(message) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500)));
          continue;
        }
        if (LOCK_CONFLICT.test(message)) {
          throw new AnalyticsUnavailableError(`${this.path} is locked by another process writing to it (a sync or dbt run?); try again`, {
            cause: error,
          });
        }
        throw new AnalyticsUnavailableError(
          `cannot open ${this.path}: ${message.split('\n')[0]}. If the file is corrupt, \`analytics sync --full\` rebuilds it`,
          { cause: error },
        );
      }
    }
  }

  private async openReadOnly(): Promise<OpenHandle> {
    const instance = await DuckDBInstance.create(this.path, instanceOptions({ access_mode: 'READ_ONLY', enable_external_access: 'false' }));
    try {
      const connection = await instance.connect();
      return {
        connection,
        close: () => {
          connection.closeSync();
          instance.closeSync();
        },
      };
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  private async leaseShared(): Promise<OpenHandle> {
    const lease: DuckDbLease = await leaseDuckDb(this.path);
    return { connection: lease.connection, close: () => lease.release() };
  }

  private async release(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) (await handle.catch(() => undefined))?.close();
  }

  private scheduleIdleClose(): void {
    const idle = this.options.idleCloseMs;
    if (idle === undefined) return;
    this.cancelIdleClose();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      // Queued behind any running query, so a statement is never cut off.
      this.queue = this.queue.then(() => this.release());
    }, idle);
    this.idleTimer.unref();
  }

  private cancelIdleClose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
