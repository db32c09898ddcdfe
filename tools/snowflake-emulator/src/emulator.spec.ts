import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, get, openSession, post } from './http/emulator-http.fixture.ts';
import { startSnowflakeEmulator, type SnowflakeEmulator } from './index.ts';

// Protocol-level tests over plain HTTP (no driver); the driver end to end is proven in
// libs/adapters/snowflake/src/snowflake-emulator.int.spec.ts.
let emulator: SnowflakeEmulator;

beforeAll(async () => {
  emulator = await startSnowflakeEmulator({ users: [{ name: 'tester', password: 'pw' }] });
  const { query } = await openSession(emulator.url);
  await query('CREATE SCHEMA IF NOT EXISTS LEDGERLINE.RAW');
});

afterAll(async () => {
  await emulator?.close();
});

describe('Snowflake emulator over HTTP', () => {
  it('logs in with a gzipped body and answers a SELECT with a typed JSON rowset', async () => {
    const { query } = await openSession(emulator.url);
    await query('create or replace table http_types (name varchar, amount number(15,2), occurred_at timestamp_tz, flag boolean)');
    await query('insert into http_types values (?, ?, ?, ?)', {
      bindings: { '1': { type: 'TEXT', value: 'a' }, '2': { type: 'TEXT', value: '12.30' }, '3': { type: 'TEXT', value: '1970-01-02T00:00:00Z' }, '4': { type: 'BOOLEAN', value: 'true' } },
    });
    const result = await query('select * from ledgerline.raw.http_types');
    expect(result.rowtype.map((c) => [c.name, c.type, c.scale])).toEqual([
      ['NAME', 'text', null],
      ['AMOUNT', 'fixed', 2],
      ['OCCURRED_AT', 'timestamp_tz', 9],
      ['FLAG', 'boolean', null],
    ]);
    expect(result.rowset).toEqual([['a', '12.30', '86400.000000000 1440', '1']]);
    expect(result.statementTypeId).toBe(0x1000);
  });

  it('names result columns like Snowflake: upper case unless quoted', async () => {
    const { query } = await openSession(emulator.url);
    await query('create or replace table http_names (id int)');
    const catalog = await query("select table_name, count(*) from information_schema.tables where table_schema = 'RAW' and table_name = 'HTTP_NAMES' group by table_name");
    expect(catalog.rowtype.map((c) => c.name)).toEqual(['TABLE_NAME', 'COUNT(*)']);
    expect(catalog.rowset).toEqual([['HTTP_NAMES', '1']]);
    const aliased = await query('select id as plain, id as "quoted lower", sum(id) from http_names group by id');
    expect(aliased.rowtype.map((c) => c.name)).toEqual(['PLAIN', 'quoted lower', 'SUM(ID)']);
  });

  it('describes a table with Snowflake type names', async () => {
    const { query } = await openSession(emulator.url);
    await query('create or replace table http_describe (amount number(15,2) not null, at_utc timestamp_tz, doc variant, n int)');
    const described = await query('desc table ledgerline.raw.http_describe');
    expect(described.rowset.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['AMOUNT', 'NUMBER(15,2)', 'N'],
      ['AT_UTC', 'TIMESTAMP_TZ(9)', 'Y'],
      ['DOC', 'VARIANT', 'Y'],
      ['N', 'NUMBER(38,0)', 'Y'],
    ]);
  });

  it('accepts an uncompressed body as well', async () => {
    const { envelope } = await post(`${emulator.url}/session/v1/login-request`, { data: { LOGIN_NAME: 'tester', PASSWORD: 'pw' } }, undefined, false);
    expect(envelope.success).toBe(true);
  });

  it('answers an unknown session token with "session gone" (390111)', async () => {
    const { envelope } = await post(`${emulator.url}/queries/v1/query-request`, { sqlText: 'select 1' }, 'no-such-token');
    expect(envelope).toMatchObject({ success: false, code: '390111' });
  });

  it('fails exactly the next matching request with an injected 503', async () => {
    const { raw } = await openSession(emulator.url);
    const queued = await control(`${emulator.url}/__emulator/fail-next`, { count: 1, status: 503, scope: 'query' });
    expect(queued.status).toBe(200);
    expect((await raw('select 1')).status).toBe(503);
    expect((await raw('select 1')).envelope.success).toBe(true);
  });

  it('holds to MULTI_STATEMENT_COUNT and runs several statements when asked', async () => {
    const { raw } = await openSession(emulator.url);
    expect((await raw('select 1; select 2')).envelope).toMatchObject({ success: false, code: '000008' });
    const { envelope } = await raw('select 1; select 2', { parameters: { MULTI_STATEMENT_COUNT: 2 } });
    const ids = String((envelope.data as { resultIds: string }).resultIds).split(',');
    expect(ids).toHaveLength(2);
  });

  it('commits an open transaction before DDL, as Snowflake does', async () => {
    const { query } = await openSession(emulator.url);
    await query('create or replace table http_ddl_commit (id int)');
    await query('begin');
    await query('insert into http_ddl_commit values (1)');
    await query('create or replace table http_ddl_other (id int)');
    await query('rollback');
    expect((await query('select count(*) from http_ddl_commit')).rowset).toEqual([['1']]);
  });

  it('treats COMMIT and ROLLBACK outside a transaction as no-ops', async () => {
    const { query } = await openSession(emulator.url);
    await expect(query('commit')).resolves.toMatchObject({ rowset: [['Statement executed successfully.']] });
    await expect(query('rollback')).resolves.toBeDefined();
  });

  it('reports MERGE counts per action, including deletes', async () => {
    const { query } = await openSession(emulator.url);
    await query('create or replace table http_merge (id int, v varchar)');
    await query("insert into http_merge values (1, 'keep'), (2, 'drop')");
    const merge = await query(
      `merge into http_merge t using (select 1 as id, 'new' as v union all select 2, 'x' union all select 3, 'ins') s on t.id = s.id
       when matched and s.v = 'x' then delete when matched then update set v = s.v when not matched then insert (id, v) values (s.id, s.v)`,
    );
    expect(merge.rowtype.map((c) => c.name)).toEqual(['number of rows inserted', 'number of rows updated', 'number of rows deleted']);
    expect(merge.rowset).toEqual([['1', '1', '1']]);
    expect((await query('select id, v from http_merge order by id')).rowset).toEqual([
      ['1', 'new'],
      ['3', 'ins'],
    ]);
  });

  describe('COPY INTO error handling', () => {
    const userStage = () => join(emulator.stageDir, 'user', 'TESTER', 'errors');
    beforeAll(() => {
      mkdirSync(userStage(), { recursive: true });
      writeFileSync(join(userStage(), 'a-good.csv'), '1,10.00\n2,20.00\n');
      writeFileSync(join(userStage(), 'b-bad.csv'), '3,30.00\nfour,not-a-number\n');
    });

    it('loads nothing from any file under ON_ERROR = ABORT_STATEMENT', async () => {
      const { query, raw } = await openSession(emulator.url);
      await query('create or replace table http_copy_abort (id int, amount number(15,2))');
      const { envelope } = await raw('copy into http_copy_abort from @~/errors/');
      expect(envelope).toMatchObject({ success: false, code: '100038' });
      expect((await query('select count(*) from http_copy_abort')).rowset).toEqual([['0']]);
    });

    it('skips the bad file under ON_ERROR = SKIP_FILE and loads the good rows under CONTINUE', async () => {
      const { query } = await openSession(emulator.url);
      await query('create or replace table http_copy_skip (id int, amount number(15,2))');
      const skip = await query('copy into http_copy_skip from @~/errors/ on_error = skip_file');
      expect(skip.rowset.map((r) => [r[0], r[1], r[3]])).toEqual([
        ['errors/a-good.csv', 'LOADED', '2'],
        ['errors/b-bad.csv', 'LOAD_FAILED', '0'],
      ]);
      await query('create or replace table http_copy_continue (id int, amount number(15,2))');
      const partial = await query('copy into http_copy_continue from @~/errors/ on_error = continue');
      expect(partial.rowset.map((r) => [r[1], r[3], r[5]])).toEqual([
        ['LOADED', '2', '0'],
        ['PARTIALLY_LOADED', '1', '1'],
      ]);
      expect((await query('select sum(amount) from http_copy_continue')).rowset).toEqual([['60.00']]);
    });
  });

  it('runs a query asynchronously and reports it through /monitoring', async () => {
    const { raw, token } = await openSession(emulator.url);
    const { envelope } = await raw('select 42 as answer', { asyncExec: true });
    expect(envelope.code).toBe('333334');
    const queryId = (envelope.data as { queryId: string }).queryId;
    let status = 'RUNNING';
    while (status === 'RUNNING') {
      const { body } = await get(`${emulator.url}/monitoring/queries/${queryId}`, token);
      status = (body as { data: { queries: Array<{ status: string }> } }).data.queries[0]?.status ?? 'NO_DATA';
    }
    expect(status).toBe('SUCCESS');
    const { body } = await get(`${emulator.url}/queries/${queryId}/result`, token);
    expect((body as { data: { rowset: unknown } }).data.rowset).toEqual([['42']]);
  });

  it('reset ends every session and drops all data', async () => {
    const separate = await startSnowflakeEmulator({});
    try {
      const { query, raw } = await openSession(separate.url);
      await query('create table keep_me (id int)');
      await control(`${separate.url}/__emulator/reset`, {});
      expect((await raw('select 1')).envelope.code).toBe('390111');
      const fresh = await openSession(separate.url);
      await expect(fresh.query('select * from keep_me')).rejects.toThrow(/002003/);
    } finally {
      await separate.close();
    }
  });

  it('starts from the command line and prints one JSON line with its URL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), '--port', '0', '--db', ':memory:'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await get(`${url}/__emulator/health`)).body).toMatchObject({ ok: true });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
