import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyticsDuckDbLocation as analyticsLocation } from './analytics-location.ts';

describe('analyticsDuckDbLocation', () => {
  it('is the warehouse file when the warehouse is DuckDB', () => {
    expect(analyticsLocation({ WAREHOUSE: 'duckdb', DATA_DIR: 'data' })).toEqual({ path: resolve('data/warehouse.duckdb'), isWarehouse: true });
    expect(analyticsLocation({ WAREHOUSE: 'duckdb', DATA_DIR: 'data', WAREHOUSE_DUCKDB_PATH: '/tmp/w.duckdb' })).toEqual({
      path: '/tmp/w.duckdb',
      isWarehouse: true,
    });
  });

  it('is a separate copy with Snowflake, or when ANALYTICS_DUCKDB_PATH points elsewhere', () => {
    expect(analyticsLocation({ WAREHOUSE: 'snowflake', DATA_DIR: '/srv/data' })).toEqual({ path: join('/srv/data', 'analytics.duckdb'), isWarehouse: false });
    expect(analyticsLocation({ WAREHOUSE: 'snowflake', DATA_DIR: 'data', ANALYTICS_DUCKDB_PATH: '/tmp/a.duckdb' })).toEqual({ path: '/tmp/a.duckdb', isWarehouse: false });
    expect(analyticsLocation({ WAREHOUSE: 'duckdb', DATA_DIR: 'data', ANALYTICS_DUCKDB_PATH: '/tmp/a.duckdb' })).toEqual({ path: '/tmp/a.duckdb', isWarehouse: false });
  });
});
