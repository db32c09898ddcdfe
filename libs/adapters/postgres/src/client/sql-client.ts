import type { DataSource, QueryRunner } from 'typeorm';
import { copyOut, type CopyOutOptions } from './copy-out.ts';
import { classifyPostgresError } from './failure-classes.ts';
import type { TransactionScope } from './transaction-scope.ts';

export type StoreBackend = 'postgres' | 'pglite';
export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface SqlTransactionOptions {
  /** Default READ COMMITTED. The warehouse sync wants REPEATABLE READ for one snapshot. */
  isolation?: IsolationLevel;
  readOnly?: boolean;
}

export interface SqlResult<R> {
  rows: R[];
  /** Rows affected (INSERT/UPDATE/DELETE) or returned (SELECT). */
  rowCount: number;
}

/**
 * Raw SQL on the store's own connection(s), for code that needs more than the TransactionStore
 * port offers on the same database -- the warehouse sync's ChangeFeed and WatermarkStore.
 * Parameters are `$1, $2, ...`; rows come back as the pg driver types them (timestamptz -> Date,
 * numeric/bigint/xid8 -> string): validate them with zod at the use site.
 */
export interface SqlClient {
  readonly backend: StoreBackend;
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** One database transaction; committed when `work` resolves, rolled back when it throws. Not nestable. */
  transaction<T>(work: (sql: SqlClient) => Promise<T>, options?: SqlTransactionOptions): Promise<T>;
  /**
   * `COPY (...) TO STDOUT` streamed as raw chunks, on a connection of its own. Only where the wire
   * supports it: absent on PGlite (its bridge). Inside a REPEATABLE READ or SERIALIZABLE
   * transaction (PostgreSQL, a pool of 2+ connections) the COPY reads in the transaction's
   * snapshot (pg_export_snapshot); inside other transactions it is absent.
   */
  readonly copyOut?: (text: string, options?: CopyOutOptions) => AsyncIterable<Uint8Array>;
}

interface StructuredResult {
  records?: unknown[];
  affected?: number;
}

/** Runs one statement on a query runner and returns pg-style rows + count (not TypeORM's raw shapes). */
export async function runStatement<R>(runner: QueryRunner, text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
  const result = (await runner.query(text, [...params], true)) as StructuredResult;
  const rows = (result.records ?? []) as R[];
  return { rows, rowCount: result.affected ?? rows.length };
}

/** Starts a transaction on its own connection, runs `work` inside `scope`, commits or rolls back. */
export async function inTransaction<T>(
  dataSource: DataSource,
  scope: TransactionScope,
  options: SqlTransactionOptions,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
  } catch (error) {
    await runner.release().catch(() => undefined);
    throw classifyPostgresError(error);
  }
  try {
    await runner.startTransaction(options.isolation);
    if (options.readOnly) await runner.query('SET TRANSACTION READ ONLY');
    const result = await scope.run(() => work(runner));
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) {
      // The original error matters more than a failed rollback (e.g. on a lost connection).
      await runner.rollbackTransaction().catch(() => undefined);
    }
    // Classified once the transaction is over (the edge of the adapter): inside it the store
    // still reads the raw integrity errors to name the refused row (constraint-errors.ts).
    throw classifyPostgresError(error);
  } finally {
    await runner.release();
  }
}

/** SqlClient over the DataSource's pool (outside any transaction). */
export class PoolSqlClient implements SqlClient {
  readonly copyOut?: CopyOutFn;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TransactionScope,
    readonly backend: StoreBackend,
  ) {
    // PGlite is reached through a single-connection bridge whose COPY TO STDOUT support is not
    // part of its contract: the change feed keeps paging there.
    if (backend === 'postgres') {
      this.copyOut = (text, options) => {
        this.scope.assertOutside('sql.copyOut');
        return copyOut(this.dataSource, text, options);
      };
    }
  }

  async query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
    this.scope.assertOutside('sql.query');
    const runner = this.dataSource.createQueryRunner();
    try {
      return await runStatement<R>(runner, text, params);
    } catch (error) {
      // The edge of the adapter: callers see TransientError / TerminalError, not SQLSTATEs.
      throw classifyPostgresError(error);
    } finally {
      await runner.release();
    }
  }

  transaction<T>(work: (sql: SqlClient) => Promise<T>, options: SqlTransactionOptions = {}): Promise<T> {
    this.scope.assertOutside('sql.transaction');
    const snapshotCopies = this.copyOut !== undefined && SNAPSHOT_ISOLATION.has(options.isolation ?? 'READ COMMITTED') && poolSizeOf(this.dataSource) > 1;
    return inTransaction(this.dataSource, this.scope, options, (runner) =>
      work(new RunnerSqlClient(runner, this.backend, snapshotCopies ? snapshotCopyOut(this.dataSource, runner) : undefined)),
    );
  }
}

type CopyOutFn = (text: string, options?: CopyOutOptions) => AsyncIterable<Uint8Array>;

/** Isolation levels with one snapshot per transaction: only those can share it with a COPY. */
const SNAPSHOT_ISOLATION = new Set<IsolationLevel>(['REPEATABLE READ', 'SERIALIZABLE']);

function poolSizeOf(dataSource: DataSource): number {
  return (dataSource.options as { poolSize?: number }).poolSize ?? 10;
}

/**
 * COPY in the open transaction's snapshot, on another pool connection: the transaction exports
 * its snapshot once (on first use) and each COPY imports it. The transaction's own connection
 * cannot stream the COPY itself: a COPY abandoned half-way (the reader failed) leaves its
 * connection unusable, and with it the transaction the other reads still need.
 */
function snapshotCopyOut(dataSource: DataSource, runner: QueryRunner): CopyOutFn {
  let exported: Promise<string> | undefined;
  const exportOnce = () => (exported ??= runStatement<{ id: unknown }>(runner, 'SELECT pg_export_snapshot() AS id').then(({ rows }) => String(rows[0]?.id)));
  return (text, options = {}) =>
    (async function* () {
      yield* copyOut(dataSource, text, { ...options, snapshot: await exportOnce() });
    })();
}

/** SqlClient bound to one connection inside an open transaction. */
export class RunnerSqlClient implements SqlClient {
  constructor(
    private readonly runner: QueryRunner,
    readonly backend: StoreBackend,
    readonly copyOut?: CopyOutFn,
  ) {}

  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
    return runStatement<R>(this.runner, text, params);
  }

  transaction<T>(): Promise<T> {
    return Promise.reject(new Error('SqlClient.transaction: already inside a transaction (nesting is not supported)'));
  }
}
