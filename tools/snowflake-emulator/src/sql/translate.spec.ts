import { describe, expect, it } from 'vitest';
import { translateToDuckDb, type TranslationContext } from './translate.ts';

const context: TranslationContext = {
  databases: new Set(['LEDGERLINE']),
  tempTables: new Set(['STAGE_TX']),
  facts: { database: 'LEDGERLINE', schema: 'RAW', warehouse: 'WH', role: 'PUBLIC', user: 'TESTER', sessionId: '42' },
};
const sql = (text: string) => translateToDuckDb(text, context).sql.replace(/\s+/g, ' ');

describe('translateToDuckDb', () => {
  it('upper-cases unquoted identifiers but leaves literals and quoted identifiers alone', () => {
    expect(sql(`select amount, "Mixed" from tx where note = 'keep me'`)).toBe(`SELECT AMOUNT, "Mixed" FROM TX WHERE NOTE = 'keep me'`);
  });

  it('numbers ? and :n binds as $n and reports how many there are', () => {
    expect(translateToDuckDb('insert into t values (?, ?, ?)', context)).toMatchObject({ sql: 'INSERT INTO T VALUES ($1, $2, $3)', parameterCount: 3 });
    expect(translateToDuckDb('select :2, :1, :2', context)).toMatchObject({ sql: 'SELECT $2, $1, $2', parameterCount: 2 });
  });

  it('drops the database part of three-part names of known databases only', () => {
    expect(sql('select * from ledgerline.raw.tx join other.raw.tx using (id)')).toBe('SELECT * FROM RAW.TX JOIN OTHER.RAW.TX USING (ID)');
    expect(sql('create schema if not exists ledgerline.raw')).toBe('CREATE SCHEMA IF NOT EXISTS RAW');
  });

  it('reaches temp tables without their schema qualifier', () => {
    expect(sql('insert into ledgerline.raw.stage_tx select * from raw.tx')).toBe('INSERT INTO STAGE_TX SELECT * FROM RAW.TX');
  });

  it('translates Snowflake types in DDL and casts', () => {
    expect(sql('create table t (a number(15,2), b number, c timestamp_tz(9), d timestamp_ntz, e variant, f int, g string, h double precision)')).toBe(
      'CREATE TABLE T (A DECIMAL(15,2), B DECIMAL(38, 0), C STRUCT(sf_utc TIMESTAMP_NS, sf_offset SMALLINT), D TIMESTAMP, E JSON, F DECIMAL(38, 0), G VARCHAR, H DOUBLE )',
    );
    // TIMESTAMP_TZ in an expression is the sf_tz conversion into that storage (offset and nanoseconds kept).
    expect(sql(`select a::timestamp_tz, t.b::timestamp_tz(9), f(c)::timestamp_tz, (d)::timestamp_tz, '2026-01-01 10:00 +05:30'::timestamp_tz, cast(e as timestamp_tz(9))`)).toBe(
      "SELECT sf_tz(A), sf_tz(T.B), sf_tz(F(C)), sf_tz((D)), sf_tz('2026-01-01 10:00 +05:30'), sf_tz(E )",
    );
    expect(sql(`select x::number(10,2), cast(y as timestamp_ltz), try_cast(z as varchar(10))`)).toBe(
      'SELECT X::DECIMAL(10,2), CAST(Y AS TIMESTAMPTZ), TRY_CAST(Z AS VARCHAR)',
    );
  });

  it('drops key constraints, comments and table options that DuckDB would reject or enforce', () => {
    expect(
      sql(`create or replace transient table t (id varchar not null primary key comment 'id', n int unique, constraint pk primary key (id), ref varchar references o(id)) cluster by (id) data_retention_time_in_days = 1 comment = 'x'`),
    ).toBe('CREATE OR REPLACE TABLE T (ID VARCHAR NOT NULL , N DECIMAL(38, 0) , REF VARCHAR )');
  });

  it('turns temporary tables into DuckDB temp tables and reports their name', () => {
    expect(translateToDuckDb('create temporary table ledgerline.raw.stg like ledgerline.raw.tx', context)).toMatchObject({
      sql: 'CREATE TEMP TABLE STG AS SELECT * FROM RAW.TX LIMIT 0',
      createdTempTable: 'STG',
    });
  });

  it('recreates a temp table that already exists in the session', () => {
    expect(translateToDuckDb('create or replace temporary table raw.stage_tx (id varchar)', context)).toMatchObject({
      sql: 'CREATE OR REPLACE TEMP TABLE STAGE_TX (ID VARCHAR)',
      createdTempTable: 'STAGE_TX',
    });
  });

  it('rewrites Snowflake functions', () => {
    expect(sql('select current_timestamp(), sysdate(), iff(a, 1, 2), nvl(b, 0), to_number(c, 10, 2), to_timestamp_tz(d), current_database(), current_schema()')).toBe(
      "SELECT CURRENT_TIMESTAMP, CAST(TIMEZONE('UTC', CURRENT_TIMESTAMP) AS TIMESTAMP), IF(A, 1, 2), COALESCE(B, 0), CAST(C AS DECIMAL(10, 2)), sf_tz(D), 'LEDGERLINE', 'RAW'",
    );
  });

  it('unqualifies the target columns of UPDATE SET in MERGE and UPDATE', () => {
    expect(sql('merge into t using s on t.id = s.id when matched then update set t.a = s.a, t.b = s.b + 1 when not matched then insert (id) values (s.id)')).toBe(
      'MERGE INTO T USING S ON T.ID = S.ID WHEN MATCHED THEN UPDATE SET A = S.A, B = S.B + 1 WHEN NOT MATCHED THEN INSERT (ID) VALUES (S.ID)',
    );
    expect(sql('update t set t.a = 1 where t.id = 2')).toBe('UPDATE T SET A = 1 WHERE T.ID = 2');
  });
});
