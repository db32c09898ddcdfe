import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The emulator is a test fixture under tools/ (not an Nx library, so it has no @ledgerline
// alias); the test starts it in-process, so it is imported by path on purpose.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startSnowflakeEmulator, type SnowflakeEmulator } from '../../../../tools/snowflake-emulator/src/index.ts';
import { createSnowflakeConnection, snowflakeErrorDetails, type SnowflakeConfigInput, type SnowflakeConnection } from './index.ts';

// Proves the path the Snowflake warehouse adapter will take: the real snowflake-sdk driver,
// end to end over HTTP, against the local emulator (tools/snowflake-emulator).
const USER = 'LEDGERLINE_TEST';
const PASSWORD = 'emulator-only-password';

let emulator: SnowflakeEmulator;
let base: SnowflakeConfigInput;
let sf: SnowflakeConnection;
let scratch: string;

/** Deterministic synthetic transactions: amount cents 1..10000, two fraction digits. */
function syntheticRows(count: number, offset = 0): Array<[string, string, string, string, boolean]> {
  return Array.from({ length: count }, (_unused, k) => {
    const i = k + offset;
    const cents = BigInt(((i * 7919) % 10_000) + 1);
    const amount = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
    const occurredAt = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString();
    return [`tx-${String(i).padStart(6, '0')}`, `acc-${i % 17}`, amount, occurredAt, i % 3 === 0];
  });
}

function centsTotal(rows: Array<[string, string, string, string, boolean]>): string {
  const cents = rows.reduce((sum, row) => sum + BigInt(row[2].replace('.', '')), 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

async function createTxTable(name: string): Promise<void> {
  await sf.execute(
    `CREATE OR REPLACE TABLE LEDGERLINE.RAW.${name} (
       tx_id VARCHAR NOT NULL PRIMARY KEY, account_id VARCHAR, amount NUMBER(15,2),
       occurred_at TIMESTAMP_TZ, is_recurring BOOLEAN)`,
  );
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'snowflake-int-'));
  emulator = await startSnowflakeEmulator({ users: [{ name: USER, password: PASSWORD }] });
  base = {
    account: 'emulator',
    username: USER.toLowerCase(),
    password: PASSWORD,
    accessUrl: emulator.url,
    database: 'LEDGERLINE',
    schema: 'RAW',
    queryTag: 'ledgerline-int-test',
  };
  sf = await createSnowflakeConnection(base);
  await sf.execute('CREATE SCHEMA IF NOT EXISTS LEDGERLINE.RAW');
});

afterAll(async () => {
  await sf?.close();
  await emulator?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('snowflake-sdk against the local Snowflake emulator', () => {
  it('inserts 1,000 rows with one array-bound INSERT', async () => {
    await createTxTable('INT_BULK');
    const rows = syntheticRows(1_000);
    const insert = await sf.execute('INSERT INTO INT_BULK (tx_id, account_id, amount, occurred_at, is_recurring) VALUES (?, ?, ?, ?, ?)', {
      binds: rows,
    });
    expect(insert.numUpdatedRows).toBe(1_000);

    const { rows: totals } = await sf.execute<{ N: string; TOTAL: string }>('SELECT COUNT(*) AS n, SUM(amount) AS total FROM INT_BULK', {
      fetchAsString: ['Number'],
    });
    expect(totals).toEqual([{ N: '1000', TOTAL: centsTotal(rows) }]);
  });

  it('merges inside BEGIN/COMMIT, updating matched rows and inserting new ones, visible to others only after COMMIT', async () => {
    await createTxTable('INT_MERGE');
    await sf.execute('INSERT INTO INT_MERGE VALUES (?, ?, ?, ?, ?)', { binds: syntheticRows(10) });
    await sf.execute('CREATE TEMPORARY TABLE LEDGERLINE.RAW.INT_MERGE_STAGE LIKE LEDGERLINE.RAW.INT_MERGE');
    const changed = syntheticRows(5, 5).map(([id, account, , at, recurring]) => [id, account, '999.99', at, recurring]);
    await sf.execute('INSERT INTO INT_MERGE_STAGE VALUES (?, ?, ?, ?, ?)', { binds: [...changed, ...syntheticRows(5, 10)] });

    const other = await createSnowflakeConnection(base);
    try {
      await sf.execute('BEGIN');
      const merge = await sf.execute(
        `MERGE INTO LEDGERLINE.RAW.INT_MERGE t USING INT_MERGE_STAGE s ON t.tx_id = s.tx_id
         WHEN MATCHED THEN UPDATE SET t.amount = s.amount, t.occurred_at = s.occurred_at
         WHEN NOT MATCHED THEN INSERT (tx_id, account_id, amount, occurred_at, is_recurring)
           VALUES (s.tx_id, s.account_id, s.amount, s.occurred_at, s.is_recurring)`,
      );
      expect(merge.rows).toEqual([{ 'number of rows inserted': 5, 'number of rows updated': 5 }]);
      expect(merge.numUpdatedRows).toBe(10);
      expect((await other.execute('SELECT COUNT(*) AS n FROM LEDGERLINE.RAW.INT_MERGE')).rows).toEqual([{ N: 10 }]);
      await sf.execute('COMMIT');
      expect((await other.execute('SELECT COUNT(*) AS n FROM LEDGERLINE.RAW.INT_MERGE')).rows).toEqual([{ N: 15 }]);
    } finally {
      await other.close();
    }
    const { rows } = await sf.execute<{ TX_ID: string; AMOUNT: string }>(
      "SELECT tx_id, amount FROM INT_MERGE WHERE amount = 999.99 OR tx_id >= 'tx-000010' ORDER BY tx_id",
      { fetchAsString: ['Number'] },
    );
    expect(rows.map((r) => r.TX_ID)).toEqual(syntheticRows(10, 5).map((r) => r[0]));
    expect(rows.slice(0, 5).every((r) => r.AMOUNT === '999.99')).toBe(true);
  });

  it('ROLLBACK discards what the transaction changed', async () => {
    await createTxTable('INT_ROLLBACK');
    await sf.execute('INSERT INTO INT_ROLLBACK VALUES (?, ?, ?, ?, ?)', { binds: syntheticRows(3) });
    await sf.execute('BEGIN');
    await sf.execute('DELETE FROM INT_ROLLBACK');
    await sf.execute('INSERT INTO INT_ROLLBACK VALUES (?, ?, ?, ?, ?)', { binds: syntheticRows(1, 100) });
    expect((await sf.execute('SELECT tx_id FROM INT_ROLLBACK')).rows).toEqual([{ TX_ID: 'tx-000100' }]);
    await sf.execute('ROLLBACK');
    const { rows } = await sf.execute('SELECT tx_id FROM INT_ROLLBACK ORDER BY tx_id');
    expect(rows).toEqual(syntheticRows(3).map(([id]) => ({ TX_ID: id })));
  });

  it('returns decimals, timestamps, dates and booleans as the driver types them', async () => {
    await sf.execute('CREATE OR REPLACE TABLE INT_TYPES (amount NUMBER(15,2), occurred_at TIMESTAMP_TZ, local_at TIMESTAMP_NTZ, day DATE, flag BOOLEAN, rate FLOAT)');
    await sf.execute('INSERT INTO INT_TYPES VALUES (?, ?, ?, ?, ?, ?)', {
      binds: [
        ['12.30', '2026-10-03T10:15:00.123+02:00', '2026-10-03 08:15:00', '2026-10-03', true, 0.25],
        ['-0.05', '2026-10-03T08:15:00Z', '2026-10-04 00:00:00', '2026-10-04', false, null],
      ],
    });
    const { rows } = await sf.execute<Record<string, unknown>>('SELECT * FROM INT_TYPES ORDER BY amount DESC');
    const [first, second] = rows;
    expect(first?.AMOUNT).toBe(12.3);
    expect(second?.AMOUNT).toBe(-0.05);
    expect(first?.OCCURRED_AT).toBeInstanceOf(Date);
    expect((first?.OCCURRED_AT as Date).getTime()).toBe(Date.parse('2026-10-03T08:15:00.123Z'));
    expect((first?.LOCAL_AT as Date).getTime()).toBe(Date.parse('2026-10-03T08:15:00Z'));
    expect((second?.DAY as Date).getTime()).toBe(Date.parse('2026-10-04T00:00:00Z'));
    expect(first?.FLAG).toBe(true);
    expect(second?.FLAG).toBe(false);
    expect(first?.RATE).toBe(0.25);
    expect(second?.RATE).toBeNull();

    const exact = await sf.execute('SELECT amount FROM INT_TYPES ORDER BY amount', { fetchAsString: ['Number'] });
    expect(exact.rows).toEqual([{ AMOUNT: '-0.05' }, { AMOUNT: '12.30' }]);
    const numbered = await sf.execute('SELECT amount FROM INT_TYPES WHERE flag = :1 AND amount > :2', { binds: [true, 0], fetchAsString: ['Number'] });
    expect(numbered.rows).toEqual([{ AMOUNT: '12.30' }]);
  });

  it('records the login query tag and the one set with ALTER SESSION', async () => {
    expect(emulator.queryTags()).toContain('ledgerline-int-test');
    await sf.execute("ALTER SESSION SET QUERY_TAG = 'warehouse-sync:cycle-7'");
    const { queryId } = await sf.execute('SELECT 1 AS one');
    expect(emulator.queryTags().at(-1)).toBe('warehouse-sync:cycle-7');
    expect(emulator.queryHistory().find((q) => q.queryId === queryId)?.queryTag).toBe('warehouse-sync:cycle-7');
  });

  it('stages a CSV file with PUT and loads it once with COPY INTO', async () => {
    await sf.execute('CREATE OR REPLACE TABLE INT_COPY (tx_id VARCHAR, merchant VARCHAR, amount NUMBER(15,2), occurred_at TIMESTAMP_TZ)');
    const file = join(scratch, 'statement-2026-10.csv');
    writeFileSync(
      file,
      ['tx_id,merchant,amount,occurred_at', 'tx-1,"Corner Shop, Ltd",12.30,2026-10-03T08:15:00Z', 'tx-2,,0.99,2026-10-04T09:00:00Z', 'tx-3,"Quote ""Q"" Cafe",100.00,2026-10-05T10:00:00Z'].join('\n'),
    );
    const put = await sf.execute<Record<string, unknown>>(`PUT file://${file} @~/int-copy/`);
    expect(put.rows).toMatchObject([{ source: 'statement-2026-10.csv', target: 'statement-2026-10.csv.gz', status: 'UPLOADED' }]);

    const copySql = `COPY INTO INT_COPY FROM @~/int-copy/ FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1 FIELD_OPTIONALLY_ENCLOSED_BY = '"')`;
    const copy = await sf.execute<Record<string, unknown>>(copySql);
    expect(copy.rows).toMatchObject([{ file: 'int-copy/statement-2026-10.csv.gz', status: 'LOADED', rows_parsed: 3, rows_loaded: 3 }]);
    const again = await sf.execute(copySql);
    expect(again.rows).toEqual([{ status: 'Copy executed with 0 files processed.' }]);

    const { rows } = await sf.execute('SELECT tx_id, merchant, amount FROM INT_COPY ORDER BY tx_id', { fetchAsString: ['Number'] });
    expect(rows).toEqual([
      { TX_ID: 'tx-1', MERCHANT: 'Corner Shop, Ltd', AMOUNT: '12.30' },
      { TX_ID: 'tx-2', MERCHANT: null, AMOUNT: '0.99' },
      { TX_ID: 'tx-3', MERCHANT: 'Quote "Q" Cafe', AMOUNT: '100.00' },
    ]);
  });

  it('rejects a wrong password with Snowflake’s error code', async () => {
    const error = await createSnowflakeConnection({ ...base, password: 'not-the-password' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(snowflakeErrorDetails(error)).toMatchObject({ code: '390100', message: 'Incorrect username or password was specified.' });
  });

  it('logs in with a key pair (SNOWFLAKE_JWT)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPath = join(scratch, 'rsa_key.p8');
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { password: _password, ...withoutPassword } = base;
    const keyPair = await createSnowflakeConnection({ ...withoutPassword, privateKeyPath: keyPath });
    try {
      expect((await keyPair.execute('SELECT CURRENT_USER() AS who')).rows).toEqual([{ WHO: USER }]);
    } finally {
      await keyPair.close();
    }
  });

  it('surfaces an injected transient 503 at login as an error, and the next login works', async () => {
    emulator.failNext({ status: 503, scope: 'login' });
    const error = await createSnowflakeConnection({ ...base, maxLoginRetries: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(snowflakeErrorDetails(error)).toMatchObject({ httpStatus: 503 });
    const retried = await createSnowflakeConnection({ ...base, maxLoginRetries: 0 });
    await retried.close();
  });

  it('lets the driver retry an injected 503 on a query by itself', async () => {
    const before = emulator.injectedFailures();
    emulator.failNext({ status: 503, scope: 'query', count: 1 });
    const { rows } = await sf.execute('SELECT 41 + 1 AS answer');
    expect(rows).toEqual([{ ANSWER: 42 }]);
    expect(emulator.injectedFailures()).toBe(before + 1);
  });

  it('falls back to inline binds when an array bind exceeds the stage-binding threshold', async () => {
    await createTxTable('INT_LARGE');
    const rows = syntheticRows(13_100); // 65,500 bind values > CLIENT_STAGE_ARRAY_BINDING_THRESHOLD (65,280)
    const insert = await sf.execute('INSERT INTO INT_LARGE VALUES (?, ?, ?, ?, ?)', { binds: rows });
    expect(insert.numUpdatedRows).toBe(rows.length);
    const declined = emulator.queryHistory().filter((q) => q.sqlText.includes('SYSTEM$BIND'));
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.every((q) => q.status === 'FAILED_WITH_ERROR')).toBe(true);
  });
});
