import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { DuckDbWarehouse } from '@ledgerline/duckdb';
import { silentLogger } from '@ledgerline/logging';
import { chooseWarehouse } from './warehouse-factory.ts';

describe('chooseWarehouse', () => {
  it('uses the DuckDB file under DATA_DIR by default, or WAREHOUSE_DUCKDB_PATH', () => {
    const byDefault = chooseWarehouse(loadConfig({ env: { DATA_DIR: 'somewhere' }, dotenvPath: false }), silentLogger);
    expect(byDefault.description).toBe(`DuckDB (${resolve('somewhere/warehouse.duckdb')})`);
    const warehouse = byDefault.factory();
    expect(warehouse).toBeInstanceOf(DuckDbWarehouse);
    expect((warehouse as DuckDbWarehouse).path).toBe(resolve('somewhere/warehouse.duckdb'));
    const explicit = chooseWarehouse(loadConfig({ env: { WAREHOUSE_DUCKDB_PATH: '/tmp/w.duckdb' }, dotenvPath: false }), silentLogger);
    expect(explicit.description).toBe('DuckDB (/tmp/w.duckdb)');
  });

  it('names the missing Snowflake wiring instead of silently using DuckDB', () => {
    expect(() => chooseWarehouse(loadConfig({ env: { WAREHOUSE: 'snowflake' }, dotenvPath: false }), silentLogger)).toThrow(/snowflake/i);
  });
});
