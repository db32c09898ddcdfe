import { describe, expect, it } from 'vitest';
import {
  WarehouseLockedError,
  WarehouseUnavailableError,
  WatermarkConflictError,
  type SyncTableSpec,
  type WarehouseBatch,
} from '@ledgerline/warehouse-sync';
import { snowflakeWarehouseSettingsSchema, type SnowflakeWarehouseSettingsInput } from './configuration.ts';
import { SnowflakeLoginError } from './errors.ts';
import { RecordingSnowflake, snowflakeError } from './recording-snowflake.fixture.ts';
import { SnowflakeWarehouse } from './snowflake-warehouse.ts';

// Behaviour around the SQL (retries, reconnects, conflicts, lock), against a scripted session.
// The same paths run against the emulator through the real driver in *.int.spec.ts.

const spec: SyncTableSpec = {
  name: 'payments',
  key: 'id',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'money' },
  ],
};
const batch = (fromXid: bigint, toXid: bigint, done = true): WarehouseBatch => ({
  table: spec,
  upserts: [{ id: 'p1', amount: '12.30', _change_seq: 7n }],
  deletes: [],
  watermark: { fromXid, toXid, done },
});
const stateRow = (horizon: string) => ({ rows: [{ XMIN_HORIZON: horizon, WATERMARK: '7', UPDATED_AT: new Date('2026-10-03T08:00:00Z') }] });

function open(snowflake: RecordingSnowflake, settings: Omit<SnowflakeWarehouseSettingsInput, 'database' | 'schema'> = {}) {
  const sleeps: number[] = [];
  const warehouse = new SnowflakeWarehouse(
    snowflakeWarehouseSettingsSchema.parse({ database: 'LEDGERLINE', schema: 'RAW', retry: { attempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 }, ...settings }),
    {
      connect: snowflake.connect,
      target: 'Snowflake account test as LOADER (LEDGERLINE.RAW)',
      sleep: async (ms) => void sleeps.push(ms),
    },
  );
  return { warehouse, sleeps };
}

const sqlOf = (snowflake: RecordingSnowflake) => snowflake.statements.map((s) => s.sqlText.split(/\s/)[0] + (s.sqlText.includes('_SYNC_STATE') ? ':state' : ''));

describe('SnowflakeWarehouse.applyBatch', () => {
  it('retries the whole transaction after a transient error in the middle of it, and loads once', async () => {
    const snowflake = new RecordingSnowflake().on(/^MERGE INTO "LEDGERLINE"."RAW"."_SYNC_STATE"/, () => snowflakeError('000625', 'too many waiters'), 1);
    const { warehouse, sleeps } = open(snowflake);
    await warehouse.applyBatch(batch(0n, 10n));
    expect(sqlOf(snowflake)).toEqual([
      'ALTER', 'CREATE', 'BEGIN', 'SELECT:state', 'INSERT', 'MERGE', 'MERGE:state', 'ROLLBACK',
      'CREATE', 'BEGIN', 'SELECT:state', 'INSERT', 'MERGE', 'MERGE:state', 'COMMIT',
    ]);
    expect(snowflake.logins).toBe(1); // the session was fine: no new login
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
  });

  it('logs in again after the session is lost, and does not load twice when the lost answer was a successful COMMIT', async () => {
    let committed = false;
    const snowflake = new RecordingSnowflake()
      .on(/^COMMIT/, () => {
        committed = true; // the server committed; the answer never arrived
        return snowflakeError('401001', 'network error: socket hang up');
      }, 1)
      .on(/FROM "LEDGERLINE"."RAW"."_SYNC_STATE"/, () => (committed ? stateRow('10') : { rows: [] }));
    const { warehouse } = open(snowflake);
    await warehouse.applyBatch(batch(0n, 10n));
    expect(snowflake.logins).toBe(2);
    const second = snowflake.statements.filter((s) => s.session === 2).map((s) => s.sqlText.split(/\s/)[0]);
    expect(second).toEqual(['ALTER', 'CREATE', 'BEGIN', 'SELECT', 'ROLLBACK']); // no second MERGE
  });

  it('refuses a batch whose window does not start at the stored horizon, without retrying', async () => {
    const snowflake = new RecordingSnowflake().on(/FROM "LEDGERLINE"."RAW"."_SYNC_STATE"/, () => stateRow('5'));
    const { warehouse, sleeps } = open(snowflake);
    await expect(warehouse.applyBatch(batch(0n, 10n))).rejects.toBeInstanceOf(WatermarkConflictError);
    expect(sqlOf(snowflake)).toEqual(['ALTER', 'CREATE', 'BEGIN', 'SELECT:state', 'ROLLBACK']);
    expect(sleeps).toEqual([]);
  });

  it('does not retry SQL errors that retrying cannot fix, and rolls back', async () => {
    const snowflake = new RecordingSnowflake().on(/^MERGE INTO "LEDGERLINE"."RAW"."PAYMENTS"/, () => snowflakeError('100038', 'Numeric value is not recognized'));
    const { warehouse, sleeps } = open(snowflake);
    await expect(warehouse.applyBatch(batch(0n, 10n))).rejects.toThrow('Numeric value is not recognized');
    expect(sqlOf(snowflake).slice(-2)).toEqual(['MERGE', 'ROLLBACK']);
    expect(sleeps).toEqual([]);
  });

  it('gives up after the configured attempts with WarehouseUnavailableError naming the target and the code', async () => {
    const snowflake = new RecordingSnowflake().on(/^INSERT/, () => snowflakeError('000625', 'too many waiters'));
    const { warehouse, sleeps } = open(snowflake);
    const error = await warehouse.applyBatch(batch(0n, 10n)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseUnavailableError);
    expect((error as Error).message).toMatch(/Snowflake account test as LOADER .*load 1 changes into payments.*3 attempts.*too many waiters \(code 000625\)/);
    expect(sleeps).toHaveLength(2);
    expect(snowflake.statements.filter((s) => s.sqlText === 'COMMIT')).toHaveLength(0);
  });

  it('keeps the horizon of an unfinished window and sets the query tag once per table', async () => {
    const snowflake = new RecordingSnowflake();
    const { warehouse } = open(snowflake);
    await warehouse.applyBatch(batch(0n, 10n, false));
    await warehouse.applyBatch(batch(0n, 10n, false));
    expect(snowflake.statements.filter((s) => s.sqlText.startsWith('ALTER SESSION SET QUERY_TAG'))).toHaveLength(1);
    const stateBinds = snowflake.statements.filter((s) => s.sqlText.startsWith('MERGE INTO "LEDGERLINE"."RAW"."_SYNC_STATE"')).map((s) => s.binds);
    expect(stateBinds).toEqual([
      ['payments', '7', '0'],
      ['payments', '7', '0'],
    ]);
  });

  it('splits a batch into INSERTs that stay under the bind-value limit', async () => {
    const snowflake = new RecordingSnowflake();
    const { warehouse } = open(snowflake, { maxBindValuesPerInsert: 100 }); // 4 values per row -> 25 rows per INSERT
    const upserts = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, amount: '1.00', _change_seq: BigInt(i + 1) }));
    await warehouse.applyBatch({ table: spec, upserts, deletes: [], watermark: { fromXid: 0n, toXid: 1n, done: true } });
    const inserts = snowflake.statements.filter((s) => s.sqlText.startsWith('INSERT'));
    expect(inserts.map((s) => (s.binds as unknown[][]).length)).toEqual([25, 25, 10]);
  });
});

describe('SnowflakeWarehouse connection failures', () => {
  it('reports a failed login as WarehouseUnavailableError naming account and user, without retrying', async () => {
    const snowflake = new RecordingSnowflake().failLogin(snowflakeError('390100', 'Incorrect username or password was specified.'));
    const { warehouse, sleeps } = open(snowflake);
    const error = await warehouse.readWatermark('payments').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnowflakeLoginError);
    expect(error).toBeInstanceOf(WarehouseUnavailableError);
    expect((error as Error).message).toBe(
      'cannot log in to Snowflake account test as LOADER (LEDGERLINE.RAW): Incorrect username or password was specified. (code 390100)',
    );
    expect(sleeps).toEqual([]);
  });

  it('reads no watermark before _SYNC_STATE exists', async () => {
    const snowflake = new RecordingSnowflake().on(/_SYNC_STATE/, () => snowflakeError('002003', "Object '_SYNC_STATE' does not exist"));
    expect(await open(snowflake).warehouse.readWatermark('payments')).toBeNull();
  });
});

describe('SnowflakeWarehouse.withLock', () => {
  it('refuses with WarehouseLockedError naming the holder when someone else holds the lease', async () => {
    const snowflake = new RecordingSnowflake().on(/^SELECT "OWNER"/, () => ({
      rows: [{ OWNER: 'sync-host pid 41 (abcd1234)', ACQUIRED_AT: new Date('2026-10-03T08:00:00Z'), EXPIRES_AT: new Date('2026-10-03T08:15:00Z') }],
    }));
    let ran = false;
    const error = await open(snowflake)
      .warehouse.withLock('warehouse-sync', async () => {
        ran = true;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseLockedError);
    expect((error as Error).message).toContain('held by sync-host pid 41 (abcd1234) since 2026-10-03T08:00:00.000Z');
    expect(ran).toBe(false);
    expect(snowflake.statements.some((s) => s.sqlText.startsWith('DELETE'))).toBe(false);
  });

  it('releases the lock when fn throws', async () => {
    let owner = '';
    const snowflake = new RecordingSnowflake()
      .on(/^MERGE INTO "LEDGERLINE"."RAW"."_SYNC_LOCK"/, (s) => {
        owner = String((s.binds as unknown[])[1]);
        return {};
      })
      .on(/^SELECT "OWNER"/, () => ({ rows: [{ OWNER: owner, ACQUIRED_AT: new Date(), EXPIRES_AT: new Date() }] }));
    await expect(open(snowflake).warehouse.withLock('warehouse-sync', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const release = snowflake.statements.at(-1);
    expect(release?.sqlText).toMatch(/^DELETE FROM "LEDGERLINE"."RAW"."_SYNC_LOCK"/);
    expect(release?.binds).toEqual(['warehouse-sync', owner]);
  });

  it('backs off when a duplicate lock row of someone else appeared next to ours', async () => {
    let owner = '';
    const snowflake = new RecordingSnowflake()
      .on(/^MERGE INTO "LEDGERLINE"."RAW"."_SYNC_LOCK"/, (s) => {
        owner = String((s.binds as unknown[])[1]);
        return {};
      })
      .on(/^SELECT "OWNER"/, () => ({
        rows: [
          { OWNER: owner, ACQUIRED_AT: new Date(), EXPIRES_AT: new Date() },
          { OWNER: 'other', ACQUIRED_AT: new Date(), EXPIRES_AT: new Date() },
        ],
      }));
    await expect(open(snowflake).warehouse.withLock('warehouse-sync', async () => 'ran')).rejects.toBeInstanceOf(WarehouseLockedError);
    expect(snowflake.statements.at(-1)?.binds).toEqual(['warehouse-sync', owner]); // our row removed again
  });
});
