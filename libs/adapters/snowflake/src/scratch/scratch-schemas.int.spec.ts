import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnowflake, type SnowflakeTestEndpoint } from '@ledgerline/testing';
import { createSnowflakeConnection, type SnowflakeConnection } from '../client/create-snowflake-connection.ts';
import { openSnowflakeScratchSchemas, scratchSchemaPrefix } from './scratch-schemas.ts';

// The smoke run's scratch schemas on the emulator: it drops exactly its own `<prefix>*` schemas.
let snowflake: SnowflakeTestEndpoint;
let admin: SnowflakeConnection;
const connection = () => ({ account: 'emulator', username: 'scratch', password: 'emulator-only', accessUrl: snowflake.accessUrl });

beforeAll(async () => {
  snowflake = await startSnowflake();
  admin = await createSnowflakeConnection(connection());
});

afterAll(async () => {
  await admin?.close();
  await snowflake?.close();
});

const schemas = async () =>
  (await admin.execute<{ NAME: string }>("SELECT SCHEMA_NAME AS \"NAME\" FROM LEDGERLINE.INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME LIKE 'LEDGERLINE_SMOKE%' ORDER BY 1")).rows.map(
    (r) => r.NAME,
  );

describe('Snowflake scratch schemas', () => {
  it('names a run by its time and two random bytes', () => {
    expect(scratchSchemaPrefix(new Date('2026-12-06T23:24:00.123Z'), Buffer.from([0x9f, 0x3a]))).toBe('LEDGERLINE_SMOKE_20261206T232400_9F3A_');
  });

  it('creates <prefix>RAW, refuses an existing one, and drops every <prefix>* schema and nothing else', async () => {
    const prefix = 'LEDGERLINE_SMOKE_A_';
    const scratch = await openSnowflakeScratchSchemas(connection(), prefix);
    try {
      await scratch.create();
      await expect(scratch.create()).rejects.toThrow();
      // What dbt creates beside it, and a schema LIKE's `_` wildcard would match but the prefix does not.
      await admin.execute('CREATE SCHEMA LEDGERLINE.LEDGERLINE_SMOKE_A_MARTS');
      await admin.execute('CREATE TABLE LEDGERLINE.LEDGERLINE_SMOKE_A_MARTS.DIM_X (N NUMBER(38,0))');
      await admin.execute('CREATE SCHEMA LEDGERLINE.LEDGERLINE_SMOKEXAX_RAW');
      expect(await scratch.list()).toEqual(['LEDGERLINE_SMOKE_A_MARTS', 'LEDGERLINE_SMOKE_A_RAW']);

      expect(await scratch.drop()).toEqual(['LEDGERLINE_SMOKE_A_MARTS', 'LEDGERLINE_SMOKE_A_RAW']);
      expect(await schemas()).toEqual(['LEDGERLINE_SMOKEXAX_RAW']);
      expect(await scratch.drop()).toEqual([]);
    } finally {
      await scratch.close();
    }
  });

  it('refuses a prefix that is not a plain upper-case name ending in _', async () => {
    await expect(openSnowflakeScratchSchemas(connection(), 'smoke_')).rejects.toThrow(RangeError);
    await expect(openSnowflakeScratchSchemas(connection(), 'LEDGERLINE_SMOKE')).rejects.toThrow(RangeError);
  });
});
