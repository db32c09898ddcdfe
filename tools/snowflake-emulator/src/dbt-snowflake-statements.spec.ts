import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from './http/emulator-http.fixture.ts';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './index.ts';

// The statements dbt-snowflake sends that the emulator used to refuse or compute wrongly, so
// dbt's snapshots could not run on it (tools/dbt/emulator-snapshots.sh runs them for real):
// SHOW commands for what exists, a second snapshot run's UNION of TIMESTAMP_TZ versions with
// to_timestamp_ntz(...) rows, TIMESTAMP_TZ -> TIMESTAMP_NTZ and CONVERT_TIMEZONE, and error
// codes the Python connector can read (it takes the code as an integer).
let emulator: SnowflakeEmulator;
let session: Awaited<ReturnType<typeof openSession>>;

beforeAll(async () => {
  emulator = await startSnowflakeEmulator({ users: [{ name: 'tester', password: 'pw' }] });
  session = await openSession(emulator.url);
  await session.query('CREATE SCHEMA IF NOT EXISTS LEDGERLINE.RAW');
  await session.query('CREATE SCHEMA IF NOT EXISTS LEDGERLINE.DBT_SHOW');
  await session.query('create or replace table LEDGERLINE.DBT_SHOW.VERSIONS (k varchar, updated_at timestamp_tz)');
  await session.query("insert into LEDGERLINE.DBT_SHOW.VERSIONS values ('a', '2026-01-01 10:00:00.123456789 +05:30')");
  await session.query('create or replace view LEDGERLINE.DBT_SHOW.CURRENT_VERSIONS as select * from LEDGERLINE.DBT_SHOW.VERSIONS');
  await session.query('create or replace table LEDGERLINE.DBT_SHOW.OTHER (k varchar)');
});

afterAll(async () => {
  await emulator?.close();
});

const columns = (result: { rowtype: Array<{ name: string }> }) => result.rowtype.map((c) => c.name);

describe('SHOW commands dbt-snowflake sends', () => {
  it('SHOW TERSE OBJECTS lists the tables and views of a schema in Snowflake\'s layout', async () => {
    const result = await session.query('show terse objects in schema LEDGERLINE.DBT_SHOW');
    expect(columns(result).slice(0, 5)).toEqual(['created_on', 'name', 'kind', 'database_name', 'schema_name']);
    expect(result.rowset.map((r) => r.slice(1, 5))).toEqual([
      ['CURRENT_VERSIONS', 'VIEW', 'LEDGERLINE', 'DBT_SHOW'],
      ['OTHER', 'TABLE', 'LEDGERLINE', 'DBT_SHOW'],
      ['VERSIONS', 'TABLE', 'LEDGERLINE', 'DBT_SHOW'],
    ]);
  });

  it('honours STARTS WITH and LIMIT, and SHOW TABLES lists only tables', async () => {
    const prefixed = await session.query("show terse objects in LEDGERLINE.DBT_SHOW starts with 'V' limit 10");
    expect(prefixed.rowset.map((r) => r[1])).toEqual(['VERSIONS']);
    const limited = await session.query('show objects in LEDGERLINE.DBT_SHOW limit 1');
    expect(limited.rowset).toHaveLength(1);
    const tables = await session.query('show terse tables in schema LEDGERLINE.DBT_SHOW');
    expect(tables.rowset.map((r) => r[1])).toEqual(['OTHER', 'VERSIONS']);
  });

  it('answers a missing schema with 002043, the code dbt-snowflake reads as "no relations yet"', async () => {
    const { envelope } = await session.raw('show terse objects in schema LEDGERLINE.NOT_THERE');
    expect(envelope).toMatchObject({ success: false, code: '002043' });
  });

  it('SHOW TERSE SCHEMAS lists the schemas, information_schema included', async () => {
    const result = await session.query('show terse schemas in database LEDGERLINE');
    const names = result.rowset.map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining(['INFORMATION_SCHEMA', 'DBT_SHOW', 'PUBLIC', 'RAW']));
  });

  it('SHOW PARAMETERS LIKE QUERY_TAG IN SESSION gives the session tag', async () => {
    await session.query("alter session set query_tag = 'ledgerline:dbt'");
    const result = await session.query("show parameters like 'query_tag' in session");
    expect(columns(result).slice(0, 2)).toEqual(['key', 'value']);
    expect(result.rowset.map((r) => r.slice(0, 2))).toEqual([['QUERY_TAG', 'ledgerline:dbt']]);
  });

  it('refuses other SHOW commands with a numeric error code', async () => {
    const { envelope } = await session.raw('show warehouses');
    expect(envelope.success).toBe(false);
    expect(envelope.code).toMatch(/^\d{6}$/);
  });
});

describe('numeric error codes for what is not emulated', () => {
  it.each(['get @~/x file:///tmp/', "create stage s_ext url = 's3://bucket/'", 'describe function f'])('%s fails with a 6-digit code', async (sql) => {
    const { envelope } = await session.raw(sql);
    expect(envelope.success).toBe(false);
    expect(envelope.code).toMatch(/^\d{6}$/);
  });
});

describe('timestamp conversions of a second snapshot run', () => {
  it('UNION ALL of a TIMESTAMP_TZ column and to_timestamp_ntz(...) gives TIMESTAMP_TZ rows with their instants', async () => {
    const result = await session.query(
      `select k, updated_at as ts from LEDGERLINE.DBT_SHOW.VERSIONS
       union all
       select 'deleted', to_timestamp_ntz('2026-01-02 00:00:00')
       order by k`,
    );
    expect(result.rowtype[1]?.type).toBe('timestamp_tz');
    // '2026-01-01 10:00:00.123456789 +05:30' is 04:30 UTC; the NTZ value is taken as UTC.
    expect(result.rowset).toEqual([
      ['a', `${Date.UTC(2026, 0, 1, 4, 30) / 1000}.123456789 ${1440 + 330}`],
      ['deleted', `${Date.UTC(2026, 0, 2) / 1000}.000000000 1440`],
    ]);
  });

  it('aligns the branches of a WITH query\'s UNION, the shape of dbt\'s snapshot staging query', async () => {
    const result = await session.query(
      `with updates as (select k, updated_at from LEDGERLINE.DBT_SHOW.VERSIONS),
            deletes as (select 'gone' as k, to_timestamp_ntz('2026-01-03 00:00:00') as updated_at)
       select * from updates union all select * from deletes order by k`,
    );
    expect(result.rowset.map((r) => r[0])).toEqual(['a', 'gone']);
    expect(result.rowtype[1]?.type).toBe('timestamp_tz');
    expect(result.rowset[1]?.[1]).toBe(`${Date.UTC(2026, 0, 3) / 1000}.000000000 1440`);
  });

  it('TIMESTAMP_TZ -> TIMESTAMP_NTZ keeps the wall-clock time at the value\'s own offset, as Snowflake does', async () => {
    const result = await session.query(
      'select to_timestamp_ntz(updated_at) as a, updated_at::timestamp_ntz as b, cast(updated_at as timestamp_ntz) as c from LEDGERLINE.DBT_SHOW.VERSIONS',
    );
    const wallClock = `${Date.UTC(2026, 0, 1, 10, 0) / 1000}.123456000`;
    expect(result.rowtype.map((c) => c.type)).toEqual(['timestamp_ntz', 'timestamp_ntz', 'timestamp_ntz']);
    expect(result.rowset).toEqual([[wallClock, wallClock, wallClock]]);
  });

  it('CONVERT_TIMEZONE(zone, tz) keeps the instant and takes the zone\'s offset at that instant', async () => {
    const result = await session.query(
      "select convert_timezone('UTC', updated_at) as utc, convert_timezone('America/New_York', updated_at) as ny from LEDGERLINE.DBT_SHOW.VERSIONS",
    );
    const instant = `${Date.UTC(2026, 0, 1, 4, 30) / 1000}.123456789`;
    expect(result.rowset).toEqual([[`${instant} 1440`, `${instant} ${1440 - 300}`]]);
  });
});
