import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { withDuckDb } from '../connection/shared-instances.ts';

/**
 * How an app's test reads what landed in a DuckDB file (architecture §2), instead of opening
 * `@duckdb/node-api` itself. Every call takes a connection and gives it back, so the file is not
 * held between checks (a process under test, or dbt, may need its lock).
 */
export interface DuckDbProbe {
  /** The rows of `sql` as plain objects (getRowObjectsJS: BIGINT as bigint, DECIMAL as number, TIMESTAMP as Date). */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** The first column of the first row, or undefined when there is none. */
  scalar(sql: string): Promise<unknown>;
  /** A statement run for its effect (a test's own setup, a COPY to Parquet). */
  run(sql: string): Promise<void>;
}

export interface DuckDbProbeOptions {
  /**
   * Open an instance of its own, READ_ONLY, for each call instead of the process's shared one:
   * for a file another process (a server under test) has open read-only.
   */
  readonly readOnly?: boolean;
}

/**
 * A probe on the DuckDB file at `path` (through the adapter's shared instance, so it can be used
 * beside an adapter of the same process), or with `':memory:'` a fresh in-memory database per call
 * (read or write Parquet: `SELECT ... FROM read_parquet('...')`, `COPY (...) TO '...'`).
 */
export function probeDuckDb(path: string, options: DuckDbProbeOptions = {}): DuckDbProbe {
  const withConnection = <T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> =>
    path === ':memory:' || options.readOnly ? withOwnInstance(path, options.readOnly === true && path !== ':memory:', work) : withDuckDb(path, work);
  return {
    rows: <T>(sql: string) => withConnection(async (db) => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[]),
    scalar: (sql) => withConnection(async (db) => (await db.runAndReadAll(sql)).getRowsJS()[0]?.[0]),
    run: (sql) => withConnection(async (db) => void (await db.run(sql))),
  };
}

async function withOwnInstance<T>(path: string, readOnly: boolean, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
