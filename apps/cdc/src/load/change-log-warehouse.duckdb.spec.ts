import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeLogRowRead, describeChangeLogWarehouseContract } from '@ledgerline/cdc/testing';
import { DuckDbChangeLogWarehouse } from '@ledgerline/duckdb';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { landedFileBytes } from './landed-file-bytes.fixture.ts';

// The ChangeLogWarehouse contract on a DuckDB warehouse file of its own per test.
describeChangeLogWarehouseContract('duckdb', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'change-log-contract-'));
  const path = join(dir, 'warehouse.duckdb');
  const files = landedFileBytes();
  return {
    open: async (hooks) => new DuckDbChangeLogWarehouse({ path, ...hooks }),
    landedFile: (rows) => files.write(rows),
    readChangeLog: async (table) => {
      const db = probeDuckDb(path);
      if ((await db.rows(`SELECT 1 FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = '${table}'`)).length === 0) return [];
      const rows = await db.rows(`SELECT kafka_partition, kafka_offset, op, key_json, after_json, _object_key FROM raw.${table} ORDER BY kafka_partition, kafka_offset`);
      return rows.map(changeLogRowRead);
    },
    dispose: async () => {
      await files.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
