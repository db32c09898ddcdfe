import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '@ledgerline/config';
import { afterEach, describe, expect, it } from 'vitest';
import { duckDbFromEnv } from './adapter.ts';
import { configureDuckDbInstances } from './connection/instance-settings.ts';
import { withDuckDb } from './connection/shared-instances.ts';

const envOf = (vars: Record<string, string>) => loadConfig({ env: vars, dotenvPath: false });

// The factory owns the DuckDB variables: its files, and the limits of every database it opens.
describe('duckDbFromEnv', () => {
  const dirs: string[] = [];
  afterEach(() => {
    configureDuckDbInstances({});
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('places the files by the rules of docs/analytics.md', () => {
    const embedded = duckDbFromEnv(envOf({ DATA_DIR: 'some/data' }));
    expect(embedded.paths).toEqual({ warehouse: resolve('some/data/warehouse.duckdb'), analytics: resolve('some/data/warehouse.duckdb'), vectors: resolve('some/data/vectors.duckdb') });
    expect(embedded.analyticsIsWarehouse).toBe(true);
    const beside = duckDbFromEnv(envOf({ DATA_DIR: 'd', WAREHOUSE: 'snowflake' }));
    expect(beside.paths.analytics).toBe(resolve('d/analytics.duckdb'));
    expect(beside.analyticsIsWarehouse).toBe(false);
  });

  it('opens every database with DUCKDB_MEMORY_LIMIT and DUCKDB_THREADS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duckdb-adapter-'));
    dirs.push(dir);
    const duckdb = duckDbFromEnv(envOf({ DATA_DIR: dir, DUCKDB_MEMORY_LIMIT: '512MiB', DUCKDB_THREADS: '2' }));
    expect(duckdb.settings).toEqual({ memoryLimit: '512MiB', threads: 2 });
    expect(duckdb.description).toBe(`DuckDB (${join(dir, 'warehouse.duckdb')}; memory 512MiB, 2 threads)`);
    const seen = await withDuckDb(duckdb.paths.warehouse, async (connection) => {
      const reader = await connection.runAndReadAll("SELECT current_setting('memory_limit') AS memory, current_setting('threads')::INTEGER AS threads");
      return reader.getRowObjectsJS()[0];
    });
    // DuckDB reports 512 MiB as 512.0 MiB.
    expect(seen).toEqual({ memory: expect.stringMatching(/^512(\.0)? MiB$/), threads: 2 });
  });

  it('refuses a memory limit DuckDB would not take, naming the variable', () => {
    expect(() => duckDbFromEnv(envOf({ DUCKDB_MEMORY_LIMIT: 'lots' }))).toThrow(ConfigError);
    expect(() => duckDbFromEnv(envOf({ DUCKDB_MEMORY_LIMIT: 'lots' }))).toThrow(/DUCKDB_MEMORY_LIMIT: expected a size/);
  });
});
