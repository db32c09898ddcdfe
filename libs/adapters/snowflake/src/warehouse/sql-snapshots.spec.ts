import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSACTIONS_SYNC_TABLE, type RawRow } from '@ledgerline/warehouse-sync';
import { snowflakeWarehouseSettingsSchema, type SnowflakeWarehouseSettingsInput } from './configuration.ts';
import { RecordingSnowflake } from './recording-snowflake.fixture.ts';
import { SnowflakeWarehouse } from './snowflake-warehouse.ts';

// The exact SQL the adapter sends to Snowflake, as files a reviewer can read
// (__snapshots__/*.sql). Recorded through a scripted session: the emulator tests prove it runs.

function transaction(id: string, seq: bigint, overrides: Record<string, string | boolean | null> = {}): RawRow {
  const row: Record<string, string | boolean | bigint | null> = {
    tx_id: id,
    account_id: 'ACC-0001',
    occurred_at: '2026-10-03T08:15:00.123456Z',
    amount: '12.30',
    direction: 'DEBIT',
    txn_type: 'PURCHASE',
    currency: 'EUR',
    normalized_amount: '12.30',
    merchant: 'Cafe "Synthetic", Ltd',
    mcc: '5814',
    category: 'Food & Dining',
    subcategory: 'Coffee',
    channel: 'CARD',
    description: null,
    city: 'Lisbon',
    state: null,
    country: 'PT',
    is_recurring: false,
    status: 'POSTED',
    related_account_id: null,
    source: 'stream',
    source_ref: 'transactions/0/41',
    ingested_at: '2026-10-03T08:15:01.000000Z',
    updated_at: '2026-10-03T08:15:01.000000Z',
    ...overrides,
  };
  return { ...row, _change_seq: seq } as RawRow;
}

describe('the SQL the Snowflake warehouse sends', () => {
  let stagingDir: string;
  let snowflake: RecordingSnowflake;
  const open = (settings: Omit<SnowflakeWarehouseSettingsInput, 'database' | 'schema'> = {}) =>
    new SnowflakeWarehouse(snowflakeWarehouseSettingsSchema.parse({ database: 'LEDGERLINE', schema: 'RAW', stagingDir, ...settings }), {
      connect: snowflake.connect,
      target: 'Snowflake account test as LOADER (LEDGERLINE.RAW)',
    });
  const normalise = (text: string) =>
    text.replaceAll(stagingDir, '<staging-dir>').replace(/ledgerline-snowflake-\w+/g, '<batch-dir>').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>');

  beforeEach(() => {
    stagingDir = mkdtempSync(join(tmpdir(), 'sf-sql-'));
    snowflake = new RecordingSnowflake()
      // A fresh account: every column of the new table exists right after CREATE TABLE.
      .on(/^DESCRIBE TABLE/, () => ({ rows: TRANSACTIONS_SYNC_TABLE.columns.map((c) => ({ name: c.name.toUpperCase() })) }));
  });
  afterEach(() => rmSync(stagingDir, { recursive: true, force: true }));

  it('ensureSchema: the RAW schema, _SYNC_STATE, _SYNC_LOCK and the table, with the contract types', async () => {
    await open().ensureSchema([TRANSACTIONS_SYNC_TABLE]);
    await expect(snowflake.transcript()).toMatchFileSnapshot('__snapshots__/ensure-schema.sql');
  });

  it('a small batch: array-bound INSERT into staging, MERGE with tombstones, watermark, one transaction', async () => {
    const warehouse = open();
    await warehouse.applyBatch({
      table: TRANSACTIONS_SYNC_TABLE,
      upserts: [transaction('TX-1', 41n), transaction('TX-2', 42n, { merchant: null, is_recurring: true, amount: '0.05' })],
      deletes: [{ key: 'TX-0', _change_seq: 40n }],
      watermark: { fromXid: 0n, toXid: 1_000n, done: true },
    });
    const transcript = snowflake.transcript();
    expect(transcript.indexOf('BEGIN;')).toBeLessThan(transcript.indexOf('INSERT INTO LEDGERLINE_SYNC_STAGING'));
    expect(transcript.indexOf('MERGE INTO "LEDGERLINE"."RAW"."_SYNC_STATE"')).toBeLessThan(transcript.indexOf('COMMIT;'));
    await expect(transcript).toMatchFileSnapshot('__snapshots__/merge-transactions.sql');
  });

  it('a batch above the threshold: CSV file, PUT into the staging table stage, COPY INTO, then the same MERGE', async () => {
    const warehouse = open({ stagedFileThreshold: 2 });
    await warehouse.applyBatch({
      table: TRANSACTIONS_SYNC_TABLE,
      upserts: [transaction('TX-1', 41n), transaction('TX-2', 42n, { merchant: 'multi\nline, "quoted" \\N', description: '' })],
      deletes: [{ key: 'TX-0', _change_seq: 40n }],
      watermark: { fromXid: 0n, toXid: 1_000n, done: false },
    });
    const statements = snowflake.statements.map((s) => s.sqlText.split(' ')[0]);
    expect(statements).toEqual(['ALTER', 'CREATE', 'PUT', 'BEGIN', 'SELECT', 'COPY', 'MERGE', 'MERGE', 'COMMIT']);
    await expect(snowflake.transcript(normalise)).toMatchFileSnapshot('__snapshots__/staged-file-batch.sql');
    const upload = snowflake.statements.find((s) => s.sqlText.startsWith('PUT'))?.uploaded;
    await expect(upload).toMatchFileSnapshot('__snapshots__/staged-file-batch.csv');
  });

  it('the watermark update alone: an empty last page only moves the horizon', async () => {
    snowflake.on(/FROM "LEDGERLINE"."RAW"."_SYNC_STATE"/, () => ({
      rows: [{ XMIN_HORIZON: '1000', WATERMARK: '42', UPDATED_AT: new Date('2026-10-03T08:00:00Z') }],
    }));
    await open().applyBatch({ table: TRANSACTIONS_SYNC_TABLE, upserts: [], deletes: [], watermark: { fromXid: 1_000n, toXid: 1_200n, done: true } });
    await expect(snowflake.transcript()).toMatchFileSnapshot('__snapshots__/watermark-update.sql');
  });

  it('withLock: take the lock row, run, release it', async () => {
    let owner = '';
    snowflake.on(/^MERGE INTO "LEDGERLINE"."RAW"."_SYNC_LOCK"/, (s) => {
      owner = String((s.binds as unknown[])[1]);
      return { numUpdatedRows: 1 };
    });
    snowflake.on(/^SELECT "OWNER"/, () => ({ rows: [{ OWNER: owner, ACQUIRED_AT: new Date(), EXPIRES_AT: new Date() }] }));
    expect(await open().withLock('warehouse-sync', async () => 'ran')).toBe('ran');
    const withoutOwner = snowflake.transcript().replaceAll(JSON.stringify(owner), '"<host> pid <pid> (<random>)"');
    await expect(withoutOwner).toMatchFileSnapshot('__snapshots__/lock.sql');
  });
});
