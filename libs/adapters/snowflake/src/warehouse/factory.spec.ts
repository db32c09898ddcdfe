import { describe, expect, it } from 'vitest';
import { envSchema } from '@ledgerline/config';
import { snowflakeFromEnv } from '../adapter.ts';
import { createSnowflakeWarehouse } from './factory.ts';
import { SnowflakeWarehouse } from './snowflake-warehouse.ts';

describe('snowflakeFromEnv', () => {
  const env = envSchema.parse({
    WAREHOUSE: 'snowflake',
    SNOWFLAKE_ACCOUNT: 'acme-eu1',
    SNOWFLAKE_USER: 'loader',
    SNOWFLAKE_PASSWORD: 'synthetic-secret',
    SNOWFLAKE_SCHEMA: 'raw',
    SNOWFLAKE_ACCESS_URL: 'http://127.0.0.1:4567',
  });

  it('describes the target without the password, and builds fresh warehouses on the RAW target', () => {
    const snowflake = snowflakeFromEnv(env);
    expect(snowflake.description).toBe('Snowflake account acme-eu1 as loader (LEDGERLINE.raw, via http://127.0.0.1:4567)');
    expect(snowflake.description).not.toContain('synthetic-secret');
    expect(snowflake.capabilities).toEqual({ emulator: true, keyPair: false, missingForDbt: ['SNOWFLAKE_ROLE', 'SNOWFLAKE_WAREHOUSE'] });
    const first = snowflake.warehouse();
    expect(first).toBeInstanceOf(SnowflakeWarehouse);
    expect(first.target).toEqual({ database: 'LEDGERLINE', schema: 'RAW' });
    expect(snowflake.warehouse()).not.toBe(first);
    expect(snowflake.warehouse({ schema: 'SMOKE_1_RAW' }).target).toEqual({ database: 'LEDGERLINE', schema: 'SMOKE_1_RAW' });
  });

  it('rejects settings that are not plain identifiers before anything connects', () => {
    expect(() => createSnowflakeWarehouse({ connection: { account: 'a', username: 'u', password: 'p', schema: 'raw; DROP' } })).toThrow(/plain Snowflake identifier/);
    expect(() => createSnowflakeWarehouse({ connection: { account: 'a', username: 'u', password: 'p' }, settings: { maxBindValuesPerInsert: 100_000 } })).toThrow();
  });
});
