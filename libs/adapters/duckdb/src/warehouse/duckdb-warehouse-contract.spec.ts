import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWarehouseContract } from '@ledgerline/warehouse-sync/testing';
import { DuckDbWarehouse } from './duckdb-warehouse.ts';
import { readRawRows } from './read-raw-rows.ts';

// The shared Warehouse contract against a real DuckDB file per test.
describeWarehouseContract('DuckDB', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wh-contract-'));
  const path = join(dir, 'warehouse.duckdb');
  return {
    open: async (hooks) => new DuckDbWarehouse({ path, hooks }),
    readRows: (table) => readRawRows(path, table),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
