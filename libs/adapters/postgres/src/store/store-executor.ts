import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { PoolSqlClient, RunnerSqlClient, type SqlClient, type StoreBackend } from '../client/sql-client.ts';
import type { TransactionScope } from '../client/transaction-scope.ts';

/**
 * Where the store's operations run. The same operations class serves the outer store (pooled
 * connections, one transaction per multi-statement write) and the store handed to
 * `withTransaction` work (everything on the transaction's connection).
 */
export interface StoreExecutor {
  /** A read or a single statement: autocommit outside a transaction, or inside the open one. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** Several statements that must commit together: a new transaction outside, the open one inside. */
  atomic<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  readonly sql: SqlClient;
}

export function poolExecutor(dataSource: DataSource, scope: TransactionScope, backend: StoreBackend): StoreExecutor {
  return {
    run: (work) => {
      scope.assertOutside('TransactionStore');
      return work(dataSource.manager);
    },
    atomic: (work) => {
      scope.assertOutside('TransactionStore');
      return dataSource.transaction(work);
    },
    sql: new PoolSqlClient(dataSource, scope, backend),
  };
}

export function transactionExecutor(runner: QueryRunner, backend: StoreBackend): StoreExecutor {
  return {
    run: (work) => work(runner.manager),
    atomic: (work) => work(runner.manager),
    sql: new RunnerSqlClient(runner, backend),
  };
}
