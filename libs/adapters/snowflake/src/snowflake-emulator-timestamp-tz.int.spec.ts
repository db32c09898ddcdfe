import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The emulator is a test fixture under tools/ (not an Nx library); started in-process, by path on purpose.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startSnowflakeEmulator, type SnowflakeEmulator } from '../../../../tools/snowflake-emulator/src/index.ts';
import { createSnowflakeConnection, type SnowflakeConnection } from './index.ts';

// Snowflake's TIMESTAMP_TZ keeps each value's offset and nanoseconds (precision 9). The emulator
// used to store DuckDB TIMESTAMPTZ (UTC microseconds): every value came back at +00:00 with six
// digits, so code that drops an offset or truncates a fraction passed against it. Each case
// writes through the real snowflake-sdk and reads the exact text back.
const FORMAT = "ALTER SESSION SET TIMESTAMP_TZ_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM'";
let emulator: SnowflakeEmulator;
let sf: SnowflakeConnection;
let scratch: string;

const texts = async (sql: string) => (await sf.execute<Record<string, string>>(sql, { fetchAsString: ['Date'] })).rows;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'snowflake-tz-'));
  emulator = await startSnowflakeEmulator();
  sf = await createSnowflakeConnection({ account: 'emulator', username: 'tz', password: 'tz', accessUrl: emulator.url, database: 'LEDGERLINE', schema: 'RAW' });
  await sf.execute('CREATE SCHEMA IF NOT EXISTS LEDGERLINE.RAW');
  await sf.execute(FORMAT);
  await sf.execute('CREATE OR REPLACE TABLE TZ_VALUES (k VARCHAR, ts TIMESTAMP_TZ(9))');
});

afterAll(async () => {
  await sf?.close();
  await emulator?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('emulator TIMESTAMP_TZ through the snowflake-sdk: offsets and nanoseconds kept', () => {
  it('keeps the offset and 9 fraction digits of bound, literal and converted values', async () => {
    await sf.execute('TRUNCATE TABLE TZ_VALUES');
    await sf.execute('INSERT INTO TZ_VALUES VALUES (?, ?)', {
      binds: [
        ['bind-array', '2026-10-03T10:15:00.123456789+05:30'],
        ['bind-negative', '2026-10-03 01:15:00.000000001 -08:00'],
      ],
    });
    await sf.execute('INSERT INTO TZ_VALUES (k, ts) VALUES (?, ?)', { binds: ['bind-single', '2026-10-03T08:15:00.5Z'] });
    await sf.execute("INSERT INTO TZ_VALUES VALUES ('literal', '2026-10-03 12:00:00.987654321 +03:45')");
    await sf.execute("INSERT INTO TZ_VALUES SELECT 'converted', TO_TIMESTAMP_TZ('2026-10-03 10:00:00.000000123 -03:30')");
    await sf.execute("INSERT INTO TZ_VALUES SELECT 'cast', '2026-10-03 10:00:00.1 +01:00'::TIMESTAMP_TZ");
    expect(await texts('SELECT k, ts FROM TZ_VALUES ORDER BY k')).toEqual([
      { K: 'bind-array', TS: '2026-10-03 10:15:00.123456789 +05:30' },
      { K: 'bind-negative', TS: '2026-10-03 01:15:00.000000001 -08:00' },
      { K: 'bind-single', TS: '2026-10-03 08:15:00.500000000 +00:00' },
      { K: 'cast', TS: '2026-10-03 10:00:00.100000000 +01:00' },
      { K: 'converted', TS: '2026-10-03 10:00:00.000000123 -03:30' },
      { K: 'literal', TS: '2026-10-03 12:00:00.987654321 +03:45' },
    ]);
    // Without fetchAsString the driver's Date carries the same offset and nanoseconds.
    const { rows } = await sf.execute<Record<string, { getTimezone(): number; getNanoSeconds(): number }>>("SELECT ts FROM TZ_VALUES WHERE k = 'bind-array'");
    expect(rows[0]?.TS?.getTimezone()).toBe(330);
    expect(rows[0]?.TS?.getNanoSeconds()).toBe(123_456_789);
  });

  it('keeps them through UPDATE, MERGE, CREATE TABLE AS and COPY INTO from a stage', async () => {
    await sf.execute('TRUNCATE TABLE TZ_VALUES');
    await sf.execute("INSERT INTO TZ_VALUES VALUES ('u', '2026-01-01T00:00:00Z'), ('m', '2026-01-01T00:00:00Z')");
    await sf.execute("UPDATE TZ_VALUES SET ts = '2026-02-01 09:30:00.111222333 +09:30' WHERE k = 'u'");
    await sf.execute(
      `MERGE INTO TZ_VALUES AS t USING (SELECT ? AS k, ? AS ts) AS s ON t.k = s.k
       WHEN MATCHED THEN UPDATE SET ts = s.ts WHEN NOT MATCHED THEN INSERT (k, ts) VALUES (s.k, s.ts)`,
      { binds: ['m', '2026-03-01 23:59:59.999999999 -11:00'] },
    );
    await sf.execute(
      `MERGE INTO TZ_VALUES AS t USING (SELECT 'n' AS k, TO_TIMESTAMP_TZ('2026-04-01 00:00:00.000000007 +14:00') AS ts) AS s ON t.k = s.k
       WHEN MATCHED THEN UPDATE SET ts = s.ts WHEN NOT MATCHED THEN INSERT (k, ts) VALUES (s.k, s.ts)`,
    );
    await sf.execute('CREATE OR REPLACE TABLE TZ_COPY_OF AS SELECT * FROM TZ_VALUES');
    const file = join(scratch, 'tz.csv');
    writeFileSync(file, 'k,ts\nc,2026-05-01 12:34:56.123456789 +02:00\n');
    await sf.execute(`PUT file://${file} @~/tz/`);
    await sf.execute(`COPY INTO TZ_COPY_OF FROM @~/tz/ FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1)`);
    expect(await texts('SELECT k, ts FROM TZ_COPY_OF ORDER BY k')).toEqual([
      { K: 'c', TS: '2026-05-01 12:34:56.123456789 +02:00' },
      { K: 'm', TS: '2026-03-01 23:59:59.999999999 -11:00' },
      { K: 'n', TS: '2026-04-01 00:00:00.000000007 +14:00' },
      { K: 'u', TS: '2026-02-01 09:30:00.111222333 +09:30' },
    ]);
    expect((await sf.execute<Record<string, string>>('DESCRIBE TABLE TZ_COPY_OF')).rows.map((r) => r['type'])).toEqual(['VARCHAR(16777216)', 'TIMESTAMP_TZ(9)']);
  });

  it('compares, orders and aggregates by the instant, whatever the offsets', async () => {
    await sf.execute('TRUNCATE TABLE TZ_VALUES');
    // Local clock order is the reverse of instant order here.
    await sf.execute("INSERT INTO TZ_VALUES VALUES ('first', '2026-06-01 12:00:00 +10:00'), ('second', '2026-06-01 03:00:00.000000001 +00:00'), ('third', '2026-05-31 22:00:00 -06:00')");
    expect((await texts('SELECT k FROM TZ_VALUES ORDER BY ts')).map((r) => r['K'])).toEqual(['first', 'second', 'third']);
    expect(await texts('SELECT max(ts) AS latest FROM TZ_VALUES')).toEqual([{ LATEST: '2026-05-31 22:00:00.000000000 -06:00' }]);
    expect(await texts("SELECT k FROM TZ_VALUES WHERE ts > '2026-06-01T03:00:00Z' ORDER BY k")).toEqual([{ K: 'second' }, { K: 'third' }]);
    expect(await texts('SELECT count(*) AS n FROM TZ_VALUES WHERE ts < CURRENT_TIMESTAMP()')).toEqual([{ N: 3 }]);
  });

  it('refuses text Snowflake cannot read as a timestamp instead of storing something else', async () => {
    await expect(sf.execute("INSERT INTO TZ_VALUES VALUES ('bad', 'next tuesday')")).rejects.toThrow(/Timestamp 'next tuesday' is not recognized/);
  });
});
