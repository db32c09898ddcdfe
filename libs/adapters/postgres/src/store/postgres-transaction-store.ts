import { MigrationExecutor, type DataSource } from 'typeorm';
import type { TransactionStore, TransactionStoreTx } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import { inTransaction, type StoreBackend } from '../client/sql-client.ts';
import { pooledDatabase, type PooledDatabase } from '../client/pooled-database.ts';
import { TransactionScope } from '../client/transaction-scope.ts';
import { poolExecutor, transactionExecutor } from './store-executor.ts';
import { CopyFastPath } from './copy-fast-path.ts';
import { PostgresStoreOperations } from './store-operations.ts';

/** Serialises migrate() across processes; any constant unique to this schema will do. */
const MIGRATION_LOCK_KEY = 7_105_112_101_114; // "ledger" in spirit; fits a bigint

/**
 * The TransactionStore on PostgreSQL or PGlite (same code: PGlite is served over a unix socket,
 * see client/pglite-server.ts). Beyond the port it exposes `sql` (raw SQL on the same
 * connections, for the warehouse sync's ChangeFeed) and `backend`.
 */
export class PostgresTransactionStore extends PostgresStoreOperations implements TransactionStore {
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly backend: StoreBackend,
    private readonly scope: TransactionScope,
    private readonly logger: Logger,
    private readonly releaseBackend: () => Promise<void>,
    chunkSize: number,
  ) {
    super(poolExecutor(dataSource, scope, backend), chunkSize, new CopyFastPath(logger));
  }

  /**
   * Applies pending migrations in one transaction under an advisory lock, so that two processes
   * starting together (seed + pipeline) neither race nor fail on "table already exists".
   */
  async migrate(): Promise<void> {
    this.scope.assertOutside('migrate');
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        const executor = new MigrationExecutor(this.dataSource, runner);
        executor.transaction = 'all';
        const applied = await executor.executePendingMigrations();
        if (applied.length > 0) this.logger.info('applied migrations', { migrations: applied.map((m) => m.name) });
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /** The store's pool as a plain-SQL handle for a library with its own statements (see pooled-database.ts). */
  pooledDatabase(): PooledDatabase {
    return pooledDatabase(this.dataSource);
  }

  withTransaction<T>(work: (store: TransactionStoreTx) => Promise<T>): Promise<T> {
    this.scope.assertOutside('withTransaction');
    return inTransaction(this.dataSource, this.scope, {}, (runner) =>
      work(new PostgresStoreOperations(transactionExecutor(runner, this.backend), this.chunkSize, this.copyFastPath)),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    } finally {
      await this.releaseBackend();
    }
  }
}
