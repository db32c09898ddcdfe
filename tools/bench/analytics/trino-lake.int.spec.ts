import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier, withDuckDb } from '@ledgerline/duckdb';
import { startTrino } from '@ledgerline/testing';
import { TrinoClient, trinoIdentifier as q } from '@ledgerline/trino';
import { DEFAULT_SYNC_TABLES } from '@ledgerline/warehouse-sync';
import { generateBenchDataset, writeRawFile } from './bench-dataset.ts';
import { createLake, registerRawInLake, type TrinoLake } from './trino-lake.ts';

const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));

// The trino benchmark's lake: RAW from a DuckDB file as Iceberg tables without a copy. What the
// benchmark's ratios rest on is that Trino reads exactly DuckDB's rows, so every column of every
// row is compared, in a canonical text form that is exact on both engines.
describe('registerRawInLake: a DuckDB RAW file as Iceberg tables, zero-copy', () => {
  const work = mkdtempSync(join(tmpdir(), 'trino-lake-spec-'));
  const path = join(work, 'warehouse.duckdb');
  let client: TrinoClient;
  let lake: TrinoLake;

  beforeAll(async () => {
    client = new TrinoClient({ url: (await startTrino()).url, user: 'ledgerline-test', timeoutMs: 300_000 });
    lake = await createLake(client, 'spec_lake');
    // Two copies: renamed ids, and related_account_id NULL in some rows.
    await writeRawFile(path, generateBenchDataset(3000), 2);
  }, 600_000);

  afterAll(async () => {
    await lake?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('registers the Parquet files DuckDB wrote in place, and Trino reads every value DuckDB has', async () => {
    const registered = await registerRawInLake(client, path, lake);
    expect(registered.files).toBeGreaterThanOrEqual(DEFAULT_SYNC_TABLES.length);
    // Zero-copy: the only Parquet files in the lake are the ones DuckDB wrote (Iceberg added metadata only).
    const parquet = allFiles(lake.directory).filter((f) => f.endsWith('.parquet')).map((f) => relative(lake.directory, f));
    expect(parquet.length).toBe(registered.files);
    expect(parquet.every((f) => f.startsWith('raw-parquet/'))).toBe(true);

    for (const spec of DEFAULT_SYNC_TABLES) {
      const columns = [...spec.columns, { name: '_change_seq', type: 'bigint' }, { name: '_deleted', type: 'boolean' }, { name: '_synced_at', type: 'timestamp' }];
      const duckColumns = columns.map((c) => (c.type === 'timestamp' ? `strftime(timezone('UTC', ${quoteIdentifier(c.name)}), '%Y-%m-%d %H:%M:%S.%f UTC')` : `CAST(${quoteIdentifier(c.name)} AS VARCHAR)`));
      const trinoColumns = columns.map((c) =>
        c.type === 'timestamp' ? `CAST(${q(c.name)} AT TIME ZONE 'UTC' AS VARCHAR)` : `CAST(${q(c.name)} AS VARCHAR)`,
      );
      const expected = await withDuckDb(path, async (db) =>
        (await db.runAndReadAll(`SELECT ${duckColumns.join(', ')} FROM raw.${quoteIdentifier(spec.name)} ORDER BY ${quoteIdentifier(spec.key)}`)).getRows(),
      );
      const actual = await client.run(`SELECT ${trinoColumns.join(', ')} FROM ${q(lake.catalog)}.raw.${q(spec.name)} ORDER BY ${q(spec.key)}`);
      // The bench dataset fills these three; the other RAW tables (companies...) are empty on both sides.
      if (['customers', 'accounts', 'transactions'].includes(spec.name)) expect(expected.length, spec.name).toBeGreaterThan(0);
      expect(actual.rows, spec.name).toEqual(expected);
    }
  });
});

describe('registerRawInLake: a RAW file off the contract', () => {
  const work = mkdtempSync(join(tmpdir(), 'trino-lake-fault-'));
  const path = join(work, 'warehouse.duckdb');
  let client: TrinoClient;
  let lake: TrinoLake;

  beforeAll(async () => {
    client = new TrinoClient({ url: (await startTrino()).url, user: 'ledgerline-test', timeoutMs: 300_000 });
    lake = await createLake(client, 'spec_lake_fault');
    await writeRawFile(path, generateBenchDataset(200), 1);
    // A float amount: its Parquet column is DOUBLE where the Iceberg table says decimal(15,2).
    await withDuckDb(path, (db) => db.run('ALTER TABLE raw.transactions ALTER amount TYPE DOUBLE').then(() => undefined));
  }, 600_000);

  afterAll(async () => {
    await lake?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('is refused before anything is registered, naming the column', async () => {
    await expect(registerRawInLake(client, path, lake)).rejects.toThrow(/raw\.transactions .* not the RAW contract: .*amount DOUBLE/);
    const tables = await client.run(`SELECT table_name FROM ${q(lake.catalog)}.information_schema.tables WHERE table_schema = 'raw'`);
    expect(tables.rows).toEqual([]);
  });
});
