import { existsSync, renameSync, statSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

export type DuckDbFileState =
  | { readonly state: 'missing' }
  | { readonly state: 'ok' }
  | { readonly state: 'locked'; readonly reason: string }
  | { readonly state: 'corrupt'; readonly reason: string };

const LOCK_CONFLICT = /Could not set lock|Conflicting lock/i;

/**
 * Whether the DuckDB file can be opened for writing: missing, fine, held by another process, or
 * unreadable (not a DuckDB file, truncated, a bad WAL...). Opens it read-write for a moment, so
 * call it only when about to write anyway.
 */
export async function inspectDuckDbFile(path: string): Promise<DuckDbFileState> {
  if (!existsSync(path)) return { state: 'missing' };
  try {
    const instance = await DuckDBInstance.create(path);
    try {
      const connection = await instance.connect();
      // Reading the catalog touches the storage beyond the header.
      await connection.run('SELECT count(*) FROM duckdb_tables()');
      connection.closeSync();
    } finally {
      instance.closeSync();
    }
    return { state: 'ok' };
  } catch (error) {
    const reason = ((error as Error).message ?? String(error)).split('\n')[0] ?? 'unknown error';
    return LOCK_CONFLICT.test(reason) ? { state: 'locked', reason } : { state: 'corrupt', reason };
  }
}

/**
 * Moves a corrupt file (and its WAL) aside as `<file>.corrupt-<timestamp>` instead of deleting
 * it: it may still hold something worth recovering. Returns the new path.
 */
export function moveAside(path: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  renameSync(path, target);
  if (existsSync(`${path}.wal`)) renameSync(`${path}.wal`, `${target}.wal`);
  return target;
}

/** File plus WAL size in bytes (0 when missing). */
export function duckDbFileBytes(path: string): number {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  return size(path) + size(`${path}.wal`);
}
