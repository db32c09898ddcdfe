import { describe, expect, it } from 'vitest';
import { envSchema } from '@ledgerline/config';
import { createSnowflakeWarehouse, snowflakeWarehouseFactoryFromEnv } from './factory.ts';
import { SnowflakeWarehouse } from './snowflake-warehouse.ts';

describe('snowflakeWarehouseFactoryFromEnv', () => {
  const env = envSchema.parse({
    WAREHOUSE: 'snowflake',
    SNOWFLAKE_ACCOUNT: 'acme-eu1',
    SNOWFLAKE_USER: 'loader',
    SNOWFLAKE_PASSWORD: 'synthetic-secret',
    SNOWFLAKE_SCHEMA: 'raw',
    SNOWFLAKE_ACCESS_URL: 'http://127.0.0.1:4567',
  });

  it('describes the target without the password, and builds fresh warehouses on the RAW target', () => {
    const choice = snowflakeWarehouseFactoryFromEnv(env);
    expect(choice.description).toBe('Snowflake account acme-eu1 as loader (LEDGERLINE.raw, via http://127.0.0.1:4567)');
    expect(choice.description).not.toContain('synthetic-secret');
    const first = choice.factory();
    expect(first).toBeInstanceOf(SnowflakeWarehouse);
    expect(first.target).toEqual({ database: 'LEDGERLINE', schema: 'RAW' });
    expect(choice.factory()).not.toBe(first);
  });

  it('rejects settings that are not plain identifiers before anything connects', () => {
    expect(() => createSnowflakeWarehouse({ connection: { account: 'a', username: 'u', password: 'p', schema: 'raw; DROP' } })).toThrow(/plain Snowflake identifier/);
    expect(() => createSnowflakeWarehouse({ connection: { account: 'a', username: 'u', password: 'p' }, settings: { maxBindValuesPerInsert: 100_000 } })).toThrow();
  });
});
