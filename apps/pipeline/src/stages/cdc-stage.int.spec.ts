import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { withDuckDb } from '@ledgerline/duckdb';
import { silentLogger } from '@ledgerline/logging';
import { openDurableEventBus } from '@ledgerline/memory';
import { createTriggerLogChangeSource, openPostgres, type PostgresAdapter } from '@ledgerline/postgres';
import { cdcStage } from './cdc-stage.ts';
import { QuiesceGate } from './quiesce-gate.ts';
import { probeStore } from '@ledgerline/postgres/testing';

async function rows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return withDuckDb(path, async (db) => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[]);
}

const customer = (id: number, name: string) =>
  `('c${id}', 'PERSON', 'saver', '${name}', 'c${id}@example.com', 'Leeds', NULL, 'GB', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`;
const INSERT_CUSTOMERS = 'INSERT INTO customers (customer_id, kind, persona, name, email, city, state, country, created_at, updated_at) VALUES ';

// The main job's CDC stage on its embedded parts: PGlite (trigger change log), the durable
// in-process bus, the local landing directory and the DuckDB warehouse.
describe('pipeline CDC stage on embedded defaults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdc-stage-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  let postgres: PostgresAdapter;
  const env = loadConfig({
    env: { DATA_DIR: dir, WAREHOUSE_DUCKDB_PATH: warehouse, CDC_LANDING_ROLL_SECONDS: '1', CDC_TABLES: 'public.customers,public.accounts', CDC_TOPIC_PARTITIONS: '2' },
    dotenvPath: false,
  });

  beforeAll(async () => {
    postgres = await openPostgres({ pgliteDir: 'memory://' });
    await postgres.store.migrate();
    await probeStore(postgres.store).query(INSERT_CUSTOMERS + [1, 2, 3, 4, 5].map((i) => customer(i, `customer ${i}`)).join(', '));
  }, 120_000);
  afterAll(async () => {
    await postgres?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runStage = async (changes: () => Promise<void>) => {
    const bus = await openDurableEventBus(postgres.eventLog, { defaultPartitions: 2 });
    const source = createTriggerLogChangeSource(postgres, { tables: env.CDC_TABLES, pollMs: 50 });
    const stage = cdcStage({ env, logger: silentLogger, source, ...bus, offsets: postgres.store, warehouseLock: new QuiesceGate() });
    await stage.start?.();
    while (stage.cdcStatus().phase !== 'streaming') await new Promise((r) => setTimeout(r, 50));
    await changes();
    // Let a roll or two happen while running (files land by time), then stop: drain, land, load.
    await new Promise((r) => setTimeout(r, 1_500));
    await stage.stop?.();
    return stage.cdcStatus();
  };

  /** raw.cdc_public_customers folded by key (latest offset per key, deletes applied) = the table. */
  const folded = () =>
    rows<{ key_json: string; after_json: string }>(
      warehouse,
      `SELECT key_json, after_json FROM raw.cdc_public_customers
        QUALIFY row_number() OVER (PARTITION BY key_json ORDER BY kafka_offset DESC) = 1 AND op <> 'd' ORDER BY key_json`,
    );
  const table = async () =>
    (await probeStore(postgres.store).query<{ customer_id: string; name: string }>('SELECT customer_id, name FROM customers ORDER BY customer_id')).rows.map((r) => [r.customer_id, r.name]);

  it('snapshot, then inserts, updates and deletes land in raw.cdc_* once; folded by key they are the table', async () => {
    const status = await runStage(async () => {
      await probeStore(postgres.store).query(`UPDATE customers SET name = 'renamed', updated_at = now() WHERE customer_id = 'c1'`);
      await probeStore(postgres.store).query(`DELETE FROM customers WHERE customer_id = 'c2'`);
      await probeStore(postgres.store).query(INSERT_CUSTOMERS + customer(6, 'new'));
    });
    expect(status.captured).toBe(8);
    expect(status.loadedRows).toBe(8);
    const ops = await rows<{ op: string; n: number }>(warehouse, `SELECT op, count(*)::int AS n FROM raw.cdc_public_customers GROUP BY op ORDER BY op`);
    expect(ops).toEqual([
      { op: 'c', n: 1 },
      { op: 'd', n: 1 },
      { op: 'r', n: 5 },
      { op: 'u', n: 1 },
    ]);
    const latest = (await folded()).map((r) => [JSON.parse(r.key_json).customer_id, JSON.parse(r.after_json).name]);
    expect(latest).toEqual(await table());
  });

  it('a restart captures only what is new: no change twice in the warehouse, the manifest holds each file once', async () => {
    const status = await runStage(async () => {
      await probeStore(postgres.store).query(`UPDATE customers SET name = 'renamed again', updated_at = now() WHERE customer_id = 'c3'`);
    });
    expect(status.captured).toBe(1);
    const duplicates = await rows(warehouse, `SELECT kafka_partition, kafka_offset FROM raw.cdc_public_customers GROUP BY ALL HAVING count(*) > 1`);
    expect(duplicates).toEqual([]);
    const total = await rows<{ n: number }>(warehouse, `SELECT count(*)::int AS n FROM raw.cdc_public_customers`);
    expect(total[0]!.n).toBe(9);
    const manifest = await rows<{ files: number; keys: number }>(warehouse, `SELECT count(*)::int AS files, count(DISTINCT object_key)::int AS keys FROM raw._cdc_manifest`);
    expect(manifest[0]!.files).toBe(manifest[0]!.keys);
    const latest = (await folded()).map((r) => [JSON.parse(r.key_json).customer_id, JSON.parse(r.after_json).name]);
    expect(latest).toEqual(await table());
  });
});
