import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WarehouseLockedError, WarehouseUnavailableError, type SyncTableSpec } from '@ledgerline/warehouse-sync';
import { openDuckDbFiles, withDuckDb } from '../connection/shared-instances.ts';
import { DuckDbWarehouse } from './duckdb-warehouse.ts';
import { readRawRows } from './read-raw-rows.ts';

const spec: SyncTableSpec = {
  name: 'payments',
  key: 'id',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'money' },
  ],
};
const row = (id: string, amount: string, seq: bigint) => ({ id, amount, _change_seq: seq });

describe('DuckDbWarehouse', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wh-duckdb-'));
    path = join(dir, 'nested', 'warehouse.duckdb');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the market RAW tables dbt reads, empty, with the warehouse (a build before any backfill works)', async () => {
    const warehouse = new DuckDbWarehouse({ path });
    await warehouse.ensureSchema([spec]);
    await warehouse.close();
    const tables = await withDuckDb(path, async (db) =>
      (await db.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw' AND table_name LIKE 'market_%' ORDER BY 1`))
        .getRowObjectsJS()
        .map((r) => String(r.table_name)),
    );
    expect(tables).toEqual(expect.arrayContaining(['market_news', 'market_news_mentions', 'market_crypto_prices_binance', 'market_stock_prices_yahoo']));
  });

  it('stores money as DECIMAL(15,2) exactly: 12.30 comes back as 12.30 and sums have no float error', async () => {
    const warehouse = new DuckDbWarehouse({ path });
    await warehouse.ensureSchema([spec]);
    const amounts = ['12.30', '0.10', '0.20', '9999999999999.99'];
    await warehouse.applyBatch({
      table: spec,
      upserts: amounts.map((a, i) => row(`p${i}`, a, BigInt(i + 1))),
      deletes: [],
      watermark: { fromXid: 0n, toXid: 5n, done: true },
    });
    await warehouse.close();
    const rows = await readRawRows(path, spec);
    expect(rows.map((r) => r.amount)).toEqual(amounts);
    const facts = await withDuckDb(path, async (db) =>
      (
        await db.runAndReadAll(
          `SELECT typeof(amount) AS t, CAST(sum(amount) FILTER (WHERE id IN ('p1', 'p2')) AS VARCHAR) AS s FROM raw.payments GROUP BY 1`,
        )
      ).getRowObjectsJS(),
    );
    expect(facts).toEqual([{ t: 'DECIMAL(15,2)', s: '0.30' }]);
  });

  it('creates raw._sync_state as the RAW contract describes it', async () => {
    const warehouse = new DuckDbWarehouse({ path });
    await warehouse.ensureSchema([spec]);
    await warehouse.close();
    const columns = await withDuckDb(path, async (db) =>
      (
        await db.runAndReadAll(
          `SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' ORDER BY table_name, column_index`,
        )
      ).getRowObjectsJS(),
    );
    expect(columns.filter((c) => c.table_name === '_sync_state').map((c) => [c.column_name, c.data_type])).toEqual([
      ['table_name', 'VARCHAR'],
      ['watermark', 'BIGINT'],
      ['xmin_horizon', 'BIGINT'],
      ['updated_at', 'TIMESTAMP WITH TIME ZONE'],
    ]);
    expect(columns.filter((c) => c.table_name === 'payments').map((c) => [c.column_name, c.data_type])).toEqual([
      ['id', 'VARCHAR'],
      ['amount', 'DECIMAL(15,2)'],
      ['_change_seq', 'BIGINT'],
      ['_deleted', 'BOOLEAN'],
      ['_synced_at', 'TIMESTAMP WITH TIME ZONE'],
    ]);
  });

  it('holds the file only until close, so another process (dbt) can open it afterwards', async () => {
    const warehouse = new DuckDbWarehouse({ path });
    await warehouse.ensureSchema([spec]);
    expect(openDuckDbFiles()).toContain(resolve(path));
    await warehouse.close();
    expect(openDuckDbFiles()).not.toContain(resolve(path));
    const python = resolve(__dirname, '../../../../../.venv/bin/python');
    if (!existsSync(python)) return; // the project venv is part of setup; without it only the in-process check runs
    const child = spawnSync(python, ['-c', 'import duckdb,sys; c=duckdb.connect(sys.argv[1]); print(c.execute("select count(*) from raw._sync_state").fetchone()[0])', path], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('0');
  });

  it('reports a warehouse path that is a directory as unavailable', async () => {
    mkdirSync(path, { recursive: true });
    const warehouse = new DuckDbWarehouse({ path });
    const error = await warehouse.ensureSchema([spec]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseUnavailableError);
    expect((error as Error).message).toContain(path);
    await warehouse.close();
  });

  it('takes over a lock left by a dead process, and refuses one held by a live process', async () => {
    const warehouse = new DuckDbWarehouse({ path });
    const lockPath = `${path}.warehouse-sync.lock`;
    mkdirSync(join(dir, 'nested'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockPath, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: '2026-01-01T00:00:00Z', name: 'warehouse-sync' }));
    expect(await warehouse.withLock('warehouse-sync', async () => 'ran')).toBe('ran');
    expect(existsSync(lockPath)).toBe(false);

    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60_000)']);
    try {
      writeFileSync(lockPath, JSON.stringify({ pid: sleeper.pid, host: hostname(), since: '2026-01-01T00:00:00Z', name: 'warehouse-sync' }));
      const error = await warehouse.withLock('warehouse-sync', async () => 'ran').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WarehouseLockedError);
      expect((error as Error).message).toContain(`process ${sleeper.pid}`);
      expect(existsSync(lockPath)).toBe(true);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
