import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { createProcessDbtRunner } from '@ledgerline/dbt';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { silentLogger } from '@ledgerline/logging';
import { openDurableEventBus } from '@ledgerline/memory';
import { createTriggerLogChangeSource, openPostgres, type PostgresAdapter } from '@ledgerline/postgres';
import { repoRoot } from '@ledgerline/testing';
import { cdcStage } from './cdc-stage.ts';
import { QuiesceGate } from './quiesce-gate.ts';
import { probeStore } from '@ledgerline/postgres/testing';

async function rows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return probeDuckDb(path).rows<T>(sql);
}

/** Values as comparable text: DuckDB and pg type timestamps, decimals and bigints differently. */
const normalise = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v === null ? null : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).toISOString() : String(v)]),
  );

const customer = (id: number, name: string) =>
  `('c${id}', 'PERSONAL', 'family', '${name}', 'c${id}@example.com', 'Leeds', NULL, 'GB', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`;
const INSERT_CUSTOMERS = 'INSERT INTO customers (customer_id, kind, persona, name, email, city, state, country, created_at, updated_at) VALUES ';
const INSERT_ACCOUNTS = `INSERT INTO accounts (account_id, customer_id, account_type, currency, balance, status, opened_at, updated_at)
  SELECT 'a' || customer_id, customer_id, 'CHECKING', 'EUR', 100.50, 'ACTIVE', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM customers`;

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
    await probeStore(postgres.store).query(INSERT_ACCOUNTS);
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

  /** The folded marts equal the Postgres tables, every column (names as in the staging models). */
  const expectCurrentEqualsTables = async () => {
    const customers = await rows(
      warehouse,
      `SELECT customer_id, customer_kind, persona, customer_name, email, city, state, country, created_at, updated_at, change_seq
         FROM marts.cdc_customers_current ORDER BY customer_id`,
    );
    const pgCustomers = (
      await probeStore(postgres.store).query(
        `SELECT customer_id, kind AS customer_kind, persona, name AS customer_name, email, city, state, country, created_at, updated_at, change_seq::bigint AS change_seq
           FROM customers ORDER BY customer_id`,
      )
    ).rows;
    expect(customers.map(normalise)).toEqual(pgCustomers.map(normalise));
    const accounts = await rows(
      warehouse,
      `SELECT account_id, customer_id, account_type, account_currency, current_balance::varchar AS current_balance, account_status, opened_at, updated_at, change_seq
         FROM marts.cdc_accounts_current ORDER BY account_id`,
    );
    const pgAccounts = (
      await probeStore(postgres.store).query(
        `SELECT account_id, customer_id, account_type, currency AS account_currency, balance AS current_balance, status AS account_status, opened_at, updated_at, change_seq::bigint AS change_seq
           FROM accounts ORDER BY account_id`,
      )
    ).rows;
    expect(accounts.map(normalise)).toEqual(pgAccounts.map(normalise));
  };

  it('snapshot, then inserts, updates and deletes land in raw.cdc_* once; folded by key they are the table', async () => {
    const status = await runStage(async () => {
      await probeStore(postgres.store).query(`UPDATE customers SET name = 'renamed', updated_at = now() WHERE customer_id = 'c1'`);
      await probeStore(postgres.store).query(`DELETE FROM accounts WHERE customer_id = 'c2'`);
      await probeStore(postgres.store).query(`DELETE FROM customers WHERE customer_id = 'c2'`);
      await probeStore(postgres.store).query(INSERT_CUSTOMERS + customer(6, 'new'));
    });
    // 5 + 5 snapshot reads, then 1 update, 2 deletes, 1 insert.
    expect(status.captured).toBe(14);
    expect(status.loadedRows).toBe(14);
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
  // Issue #17 §4 dbt: the fold model equals the source table after scripted changes, and the SCD2
  // snapshot fed from CDC keeps every version it saw (and closes a deleted key's).
  it('dbt: cdc_*_current equal the Postgres tables; cdc_accounts_snapshot versions an account update and closes a deleted account', async () => {
    // One target dir for both runs: the second reuses the first's parse (partial_parse).
    const dbt = () =>
      createProcessDbtRunner({
        repoRoot: repoRoot(),
        projectDir: join(repoRoot(), 'dbt'),
        target: 'duckdb',
        warehouseDuckdbPath: warehouse,
        targetPath: join(dir, 'dbt-target'),
        args: ['--select', 'stg_cdc_customers', 'stg_cdc_accounts', 'cdc_customers_current', 'cdc_accounts_current', 'cdc_customers_snapshot', 'cdc_accounts_snapshot'],
        logger: silentLogger,
      }).build();
    const first = await dbt();
    expect(first.failures).toEqual([]);
    expect(first.testsPassed).toBeGreaterThan(20);

    await expectCurrentEqualsTables();

    await runStage(async () => {
      await probeStore(postgres.store).query(`UPDATE accounts SET balance = 7.25, status = 'FROZEN', updated_at = '2026-06-01T00:00:00Z' WHERE account_id = 'ac4'`);
      await probeStore(postgres.store).query(`DELETE FROM accounts WHERE account_id = 'ac5'`);
      // A primary-key change: captured as d of ac3 and c of ac9 (docs/cdc.md), folded to ac9 alone.
      await probeStore(postgres.store).query(`UPDATE accounts SET account_id = 'ac9', updated_at = '2026-06-02T00:00:00Z' WHERE account_id = 'ac3'`);
      await probeStore(postgres.store).query(`UPDATE customers SET city = 'York', updated_at = '2026-06-03T00:00:00Z' WHERE customer_id = 'c4'`);
    });
    const second = await dbt();
    expect(second.failures).toEqual([]);
    await expectCurrentEqualsTables();
    expect((await rows(warehouse, `SELECT account_id FROM marts.cdc_accounts_current ORDER BY 1`)).map((r) => r.account_id)).toEqual(['ac1', 'ac4', 'ac9']);

    // The whole history: one version per real change seen by a build, nothing for a key that did not change.
    const accountVersions = await rows<{ account_id: string; current_balance: string; account_status: string; closed: boolean }>(
      warehouse,
      `SELECT account_id, current_balance::varchar AS current_balance, account_status, dbt_valid_to IS NOT NULL AS closed
         FROM snapshots.cdc_accounts_snapshot ORDER BY account_id, dbt_valid_from`,
    );
    expect(accountVersions).toEqual([
      { account_id: 'ac1', current_balance: '100.50', account_status: 'ACTIVE', closed: false },
      { account_id: 'ac3', current_balance: '100.50', account_status: 'ACTIVE', closed: true },
      { account_id: 'ac4', current_balance: '100.50', account_status: 'ACTIVE', closed: true },
      { account_id: 'ac4', current_balance: '7.25', account_status: 'FROZEN', closed: false },
      { account_id: 'ac5', current_balance: '100.50', account_status: 'ACTIVE', closed: true },
      { account_id: 'ac9', current_balance: '100.50', account_status: 'ACTIVE', closed: false },
    ]);
    const customerVersions = await rows<{ customer_id: string; customer_name: string; city: string; closed: boolean }>(
      warehouse,
      `SELECT customer_id, customer_name, city, dbt_valid_to IS NOT NULL AS closed FROM snapshots.cdc_customers_snapshot ORDER BY customer_id, dbt_valid_from`,
    );
    expect(customerVersions).toEqual([
      { customer_id: 'c1', customer_name: 'renamed', city: 'Leeds', closed: false },
      { customer_id: 'c3', customer_name: 'renamed again', city: 'Leeds', closed: false },
      { customer_id: 'c4', customer_name: 'customer 4', city: 'Leeds', closed: true },
      { customer_id: 'c4', customer_name: 'customer 4', city: 'York', closed: false },
      { customer_id: 'c5', customer_name: 'customer 5', city: 'Leeds', closed: false },
      { customer_id: 'c6', customer_name: 'new', city: 'Leeds', closed: false },
    ]);
  }, 240_000);
});
