import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../http/emulator-http.fixture.ts';
import { startSnowflakeEmulator, type SnowflakeEmulator } from '../index.ts';

// COPY INTO ... FILE_FORMAT = (TYPE = PARQUET) over the HTTP protocol: files written by DuckDB
// into the user stage, loaded by column name.
let emulator: SnowflakeEmulator;
const stage = () => join(emulator.stageDir, 'user', 'TESTER', 'pq');

beforeAll(async () => {
  emulator = await startSnowflakeEmulator({ users: [{ name: 'tester', password: 'pw' }] });
  const { query } = await openSession(emulator.url);
  await query('CREATE SCHEMA IF NOT EXISTS LEDGERLINE.RAW');
  mkdirSync(stage(), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    // Lower-case names, an extra column the tables lack, BIGINT offsets and a NULL.
    await db.run(
      `COPY (SELECT * FROM (VALUES (7::BIGINT, 'c', '{"id":1}', 'x'), (8::BIGINT, 'u', NULL, 'y')) AS t("offset", op, key_json, extra))
       TO '${join(stage(), 'good.parquet')}' (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  const good = readFileSync(join(stage(), 'good.parquet'));
  writeFileSync(join(stage(), 'truncated.parquet'), good.subarray(0, Math.floor(good.length / 2)));
});

afterAll(async () => {
  await emulator?.close();
});

describe('COPY INTO from a staged Parquet file', () => {
  it('loads by column name (case-insensitive): a table column the file lacks is NULL, file columns the table lacks are ignored', async () => {
    const { query } = await openSession(emulator.url);
    await query('create or replace table pq_by_name ("OFFSET" number(19,0), OP varchar, KEY_JSON varchar, MISSING varchar)');
    const copied = await query(`copy into pq_by_name from @~/pq/ files = ('good.parquet') file_format = (type = parquet) match_by_column_name = case_insensitive`);
    expect(copied.rowset.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([['pq/good.parquet', 'LOADED', '2', '2']]);
    expect((await query('select "OFFSET", op, key_json, missing from pq_by_name order by 1')).rowset).toEqual([
      ['7', 'c', '{"id":1}', null],
      ['8', 'u', null, null],
    ]);
  });

  it('refuses Parquet into columns without MATCH_BY_COLUMN_NAME, with Snowflake\'s message', async () => {
    const { query, raw } = await openSession(emulator.url);
    await query('create or replace table pq_no_match ("OFFSET" number(19,0))');
    const { envelope } = await raw(`copy into pq_no_match from @~/pq/ files = ('good.parquet') file_format = (type = parquet)`);
    expect(envelope).toMatchObject({ success: false, code: '002019', message: expect.stringContaining('MATCH_BY_COLUMN_NAME') });
  });

  it('a truncated file fails the statement, naming the file, and loads nothing; the open transaction survives, as in Snowflake', async () => {
    const { query, raw } = await openSession(emulator.url);
    await query('create or replace table pq_abort ("OFFSET" number(19,0), OP varchar)');
    await query('begin');
    await query(`insert into pq_abort values (1, 'kept')`);
    const { envelope } = await raw(
      `copy into pq_abort from @~/pq/ files = ('good.parquet', 'truncated.parquet') file_format = (type = parquet) match_by_column_name = case_insensitive on_error = abort_statement`,
    );
    expect(envelope).toMatchObject({ success: false, code: '100152', message: expect.stringMatching(/Error parsing the parquet file[\s\S]*File 'pq\/truncated\.parquet'/) });
    await query('commit');
    expect((await query('select "OFFSET", op from pq_abort')).rowset).toEqual([['1', 'kept']]);
  });

  it('ON_ERROR = SKIP_FILE skips the unreadable file and loads the good one', async () => {
    const { query } = await openSession(emulator.url);
    await query('create or replace table pq_skip ("OFFSET" number(19,0))');
    const copied = await query(`copy into pq_skip from @~/pq/ pattern = '.*(good|truncated)[.]parquet' file_format = (type = parquet) match_by_column_name = case_insensitive on_error = skip_file`);
    expect(copied.rowset.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['pq/good.parquet', 'LOADED', '2'],
      ['pq/truncated.parquet', 'LOAD_FAILED', '0'],
    ]);
    expect((await query('select count(*) from pq_skip')).rowset).toEqual([['2']]);
  });
});
