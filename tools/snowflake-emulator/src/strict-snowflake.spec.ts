import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from './http/emulator-http.fixture.ts';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './index.ts';

// Where DuckDB underneath would accept what Snowflake rejects (or computes differently), the
// emulator answers as Snowflake does, so a test against it cannot pass SQL a real account fails.
let emulator: SnowflakeEmulator;
let session: Awaited<ReturnType<typeof openSession>>;

const failure = async (sqlText: string) => {
  const { envelope } = await session.raw(sqlText);
  return { success: envelope.success, code: envelope.code, message: envelope.message };
};

beforeAll(async () => {
  emulator = await startSnowflakeEmulator({ users: [{ name: 'tester', password: 'pw' }] });
  session = await openSession(emulator.url);
  await session.query('CREATE SCHEMA IF NOT EXISTS LEDGERLINE.RAW');
  await session.query('create or replace table strict_t (k varchar, v number(15,2), occurred_at timestamp_tz)');
  await session.query("insert into strict_t values ('a', 1.00, '2026-01-01T10:00:00Z'), ('b', 2.00, '2026-01-01T11:00:00Z')");
});

afterAll(async () => {
  await emulator?.close();
});

describe('emulator strictness: what Snowflake refuses', () => {
  it.each(['select list(k) from strict_t', "select strftime(occurred_at, '%Y') from strict_t", 'select epoch_ms(occurred_at) from strict_t'])(
    'refuses the DuckDB-only function in %s as an unknown function',
    async (sql) => {
      expect(await failure(sql)).toMatchObject({ success: false, code: '002140' });
    },
  );

  it('still runs the Snowflake LIST command and Snowflake functions of similar names', async () => {
    await session.query('create or replace temporary stage strict_stage');
    expect((await session.query('list @strict_stage')).rowset).toEqual([]);
    const ok = await session.query('select array_agg(k) as ks, count(*) as n from strict_t');
    expect(ok.rowset[0]?.[1]).toBe('2');
  });

  it('refuses INSERT OR REPLACE and INSERT ... ON CONFLICT with a syntax error', async () => {
    expect(await failure("insert or replace into strict_t values ('a', 3.00, null)")).toMatchObject({ success: false, code: '001003' });
    expect(await failure("insert into strict_t values ('a', 3.00, null) on conflict do nothing")).toMatchObject({ success: false, code: '001003' });
    expect((await session.query('select count(*) from strict_t')).rowset).toEqual([['2']]);
  });

  it('fails a MERGE whose source matches one target row twice, changing nothing', async () => {
    const merge = (source: string) =>
      `merge into strict_t as t using (${source}) as s on t.k = s.k when matched then update set v = s.v when not matched then insert (k, v) values (s.k, s.v)`;
    const repeated = "select 'a' as k, 5.00 as v union all select 'a', 6.00";
    expect(await failure(merge(repeated))).toMatchObject({ success: false, code: '100090' });
    expect((await session.query("select v from strict_t where k = 'a'")).rowset).toEqual([['1.00']]);
    // One source row per key is deterministic, and so are repeated keys that match nothing.
    await session.query(merge("select 'a' as k, 7.00 as v"));
    await session.query(merge("select 'n' as k, 1.00 as v union all select 'n', 2.00"));
    expect((await session.query("select k, v from strict_t where k in ('a', 'n') order by k, v")).rowset).toEqual([
      ['a', '7.00'],
      ['n', '1.00'],
      ['n', '2.00'],
    ]);
  });

  it('keeps integers as NUMBER(38,0): exact beyond the 64-bit range', async () => {
    await session.query('create or replace table strict_ints (n int, b bigint)');
    await session.query('insert into strict_ints values (12345678901234567890123456789, -99999999999999999999)');
    const result = await session.query('select n, b, n + 1 as m from strict_ints');
    expect(result.rowset).toEqual([['12345678901234567890123456789', '-99999999999999999999', '12345678901234567890123456790']]);
    expect(result.rowtype.map((c) => [c.type, c.scale])).toEqual([
      ['fixed', 0],
      ['fixed', 0],
      ['fixed', 0],
    ]);
  });
});
