import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DUCKDB_TYPES, quoteIdentifier as q, quoteLiteral, withDuckDb } from '@ledgerline/duckdb';
import { repoRoot } from '@ledgerline/testing';
import type { SyncTableSpec } from '@ledgerline/warehouse-sync';
import { runChild } from './batch-bench-support.ts';

export interface ReferenceRun {
  readonly copyOutMs: number;
  readonly readCsvMs: number;
  readonly totalMs: number;
}

/**
 * The naive two-tool pipeline issue #23 compares the sync with: `psql \copy (SELECT ...) TO` a CSV
 * file per table, then DuckDB `read_csv` of each file into a typed table and CHECKPOINT, in a
 * fresh DuckDB file. Same rows, same columns, same DuckDB types as the RAW tables (no sync
 * columns, no watermark, no MERGE: the floor a sync at "COPY speed" is measured against).
 */
export async function runCopyReadCsvReference(databaseUrl: string, tables: readonly SyncTableSpec[], dir: string): Promise<ReferenceRun> {
  const started = performance.now();
  const csvs = tables.map((t) => ({ table: t, csv: join(dir, `reference-${t.name}.csv`) }));
  for (const { table, csv } of csvs) {
    const select = `SELECT ${table.columns.map((c) => q(c.name)).join(', ')} FROM ${q(table.name)}`;
    const copy = await runChild('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy (${select}) to '${csv}' with (format csv)`], {
      cwd: repoRoot(),
    });
    if (copy.code !== 0) throw new Error(`psql \\copy of ${table.name} failed: ${copy.stderr.join('\n')}`);
  }
  const copied = performance.now();

  const path = join(dir, 'reference.duckdb');
  await withDuckDb(path, async (db) => {
    for (const { table, csv } of csvs) {
      const columns = table.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(DUCKDB_TYPES[c.type])}`).join(', ');
      await db.run(`CREATE TABLE ${q(table.name)} AS SELECT * FROM read_csv(${quoteLiteral(csv)}, header = false, columns = {${columns}})`);
    }
    await db.run('CHECKPOINT');
  });
  const done = performance.now();
  for (const { csv } of csvs) rmSync(csv, { force: true });
  rmSync(path, { force: true });
  return { copyOutMs: copied - started, readCsvMs: done - copied, totalMs: done - started };
}
