import { describe, expect, it } from 'vitest';
import { whereToLook } from './where-to-look.ts';

describe('whereToLook', () => {
  it('names the embedded data files, the dashboard URL and how to ask the agent', () => {
    const lines = whereToLook({ DATA_DIR: '/tmp/ll', DATABASE_URL: undefined, WAREHOUSE: 'duckdb', WAREHOUSE_DUCKDB_PATH: undefined, DASHBOARD_PORT: 4300 }).join('\n');
    expect(lines).toContain('/tmp/ll/pglite');
    expect(lines).toContain('/tmp/ll/warehouse.duckdb');
    expect(lines).toContain('/tmp/ll/incoming');
    expect(lines).toContain('http://127.0.0.1:4300');
    expect(lines).toContain('npm run ask -- "');
  });

  it('leaves out what a real service holds', () => {
    const lines = whereToLook({ DATA_DIR: '/tmp/ll', DATABASE_URL: 'postgres://x', WAREHOUSE: 'snowflake', WAREHOUSE_DUCKDB_PATH: undefined, DASHBOARD_PORT: 4300 }).join('\n');
    expect(lines).not.toContain('pglite');
    expect(lines).not.toContain('warehouse.duckdb');
  });
});
