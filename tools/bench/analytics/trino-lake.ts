import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { quoteIdentifier, withDuckDb } from '@ledgerline/duckdb';
import { createTestDatabase, repoRoot, uniqueName } from '@ledgerline/testing';
import { createDuckDbCatalog, createIcebergCatalog, dropCatalog, jdbcOf, trinoIdentifier as q, type TrinoClient } from '@ledgerline/trino';
import { DEFAULT_SYNC_TABLES } from '@ledgerline/warehouse-sync';

export interface TrinoLake {
  readonly catalog: string;
  /** The PostgreSQL database behind Iceberg's JDBC catalog (also usable as an operational catalog). */
  readonly databaseUrl: string;
  dispose(): Promise<void>;
}

/** A fresh Iceberg catalog on the Trino server (JDBC catalog on a new PostgreSQL database, files in a temp dir). */
export async function createLake(client: TrinoClient, prefix: string): Promise<TrinoLake> {
  const database = await createTestDatabase(`${prefix}_lake`);
  const directory = mkdtempSync(join(tmpdir(), `${prefix}-lake-`));
  const catalog = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    await admin.query(readFileSync(join(repoRoot(), 'tools/services/trino/iceberg-jdbc-catalog.sql'), 'utf8'));
  } finally {
    await admin.end();
  }
  await createIcebergCatalog(client, { name: catalog, ...jdbcOf(database.url), storage: { kind: 'local', directory } });
  return {
    catalog,
    databaseUrl: database.url,
    dispose: async () => {
      await dropCatalog(client, catalog).catch(() => undefined);
      await database.drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const TABLES = [...DEFAULT_SYNC_TABLES.map((spec) => ({ name: spec.name, columns: [...spec.columns.map((c) => ({ name: c.name, timestamp: c.type === 'timestamp' })), { name: '_change_seq', timestamp: false }, { name: '_deleted', timestamp: false }, { name: '_synced_at', timestamp: true }] })),
  { name: '_sync_state', columns: [{ name: 'table_name', timestamp: false }, { name: 'watermark', timestamp: false }, { name: 'xmin_horizon', timestamp: false }, { name: 'updated_at', timestamp: true }] }];

/**
 * Copies the RAW tables of a DuckDB file into `lake.raw` with CREATE TABLE AS through Trino's
 * DuckDB connector. That connector leaves TIMESTAMPTZ columns out, so the tables are first copied
 * into a scratch DuckDB file with every timestamp as BIGINT epoch microseconds and turned back in
 * Trino with from_unixtime_nanos, exactly (as tools/dbt/trino/copy_raw.py does for dbt).
 */
export async function copyRawIntoLake(client: TrinoClient, duckdbPath: string, lake: string, scratchDir: string): Promise<void> {
  const scratch = join(scratchDir, 'raw-epoch.duckdb');
  await withDuckDb(duckdbPath, async (db) => {
    await db.run(`ATTACH '${scratch.replaceAll("'", "''")}' AS scratch`);
    try {
      await db.run('CREATE SCHEMA IF NOT EXISTS scratch.raw');
      for (const table of TABLES) {
        const columns = table.columns.map((c) => (c.timestamp ? `epoch_us(${quoteIdentifier(c.name)}) AS ${quoteIdentifier(c.name)}` : quoteIdentifier(c.name)));
        await db.run(`CREATE TABLE scratch.raw.${quoteIdentifier(table.name)} AS SELECT ${columns.join(', ')} FROM raw.${quoteIdentifier(table.name)}`);
      }
    } finally {
      await db.run('DETACH scratch');
    }
  });
  const duck = uniqueName('bench_duck');
  await createDuckDbCatalog(client, { name: duck, path: scratch });
  try {
    await client.run(`CREATE SCHEMA IF NOT EXISTS ${q(lake)}.raw`);
    for (const table of TABLES) {
      const columns = table.columns.map((c) =>
        c.timestamp ? `CAST(from_unixtime_nanos(${q(c.name)} * 1000) AS TIMESTAMP(6) WITH TIME ZONE) AS ${q(c.name)}` : q(c.name),
      );
      await client.run(`CREATE TABLE ${q(lake)}.raw.${q(table.name)} AS SELECT ${columns.join(', ')} FROM ${q(duck)}.raw.${q(table.name)}`, { timeoutMs: 1_800_000 });
    }
  } finally {
    await dropCatalog(client, duck);
    rmSync(scratch, { force: true });
  }
}
