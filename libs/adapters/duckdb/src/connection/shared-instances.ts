import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { classifyDuckDbError } from './duckdb-failures.ts';
import { instanceOptions } from './instance-settings.ts';

interface SharedInstance {
  readonly opening: Promise<DuckDBInstance>;
  /** Set once open, so that the last release can close synchronously. */
  opened?: DuckDBInstance;
  refs: number;
}

// DuckDB lets one process open the same file twice as two independent databases (its file lock
// is per process), and two writers on one file corrupt it. So every user in this process shares
// one instance per file, counted, and the last release closes it at once: the file is then free
// for other processes (dbt, the analytics CLI) as soon as nobody here needs it.
const instances = new Map<string, SharedInstance>();

/** A connection on the shared instance of a DuckDB file, and the function that gives it back. */
export interface DuckDbLease {
  readonly connection: DuckDBConnection;
  readonly path: string;
  release(): void;
}

/**
 * Opens (or joins) the DuckDB file at `path`, creating its directory when missing.
 * Each lease has its own connection; call release() exactly once.
 */
export async function leaseDuckDb(path: string): Promise<DuckDbLease> {
  const absolute = resolve(path);
  let entry = instances.get(absolute);
  if (!entry) {
    mkdirSync(dirname(absolute), { recursive: true });
    const created: SharedInstance = { opening: DuckDBInstance.create(absolute, instanceOptions()), refs: 0 };
    created.opening.then(
      (instance) => (created.opened = instance),
      () => undefined,
    );
    instances.set(absolute, created);
    entry = created;
  }
  entry.refs += 1;
  const shared = entry;
  let connection: DuckDBConnection;
  try {
    connection = await (await shared.opening).connect();
  } catch (error) {
    dropRef(absolute, shared);
    // Most often the file is locked by another process (dbt, another sync): transient.
    throw classifyDuckDbError(error);
  }
  let released = false;
  return {
    connection,
    path: absolute,
    release: () => {
      if (released) return;
      released = true;
      connection.closeSync();
      dropRef(absolute, shared);
    },
  };
}

function dropRef(absolute: string, entry: SharedInstance): void {
  entry.refs -= 1;
  if (entry.refs > 0) return;
  if (instances.get(absolute) === entry) instances.delete(absolute);
  // Every lease awaited `opening` before it could be released, so `opened` is set unless the open failed.
  entry.opened?.closeSync();
}

/** Runs work on a leased connection and releases it afterwards. */
export async function withDuckDb<T>(path: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const lease = await leaseDuckDb(path);
  try {
    return await work(lease.connection);
  } catch (error) {
    throw classifyDuckDbError(error);
  } finally {
    lease.release();
  }
}

/** How many files this process holds open (for tests of open-sync-close). */
export function openDuckDbFiles(): string[] {
  return [...instances.keys()];
}
