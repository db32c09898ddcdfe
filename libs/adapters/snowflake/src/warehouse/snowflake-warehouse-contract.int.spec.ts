import { afterAll } from 'vitest';
import { startSnowflake, uniqueName, type SnowflakeTestEndpoint } from '@ledgerline/testing';
import { describeWarehouseContract } from '@ledgerline/warehouse-sync/testing';
import { createSnowflakeConnection } from '../client/create-snowflake-connection.ts';
import type { SnowflakeConfigInput } from '../configuration.ts';
import { createSnowflakeWarehouse } from './factory.ts';
import { readSnowflakeRawRows } from './read-raw-rows.ts';
import { rawSchema } from './sql/identifiers.ts';

// The shared Warehouse contract through the real snowflake-sdk driver against the emulator
// (TEST_SNOWFLAKE_ACCESS_URL, else one started in this process); a schema of its own per test.
let endpoint: Promise<SnowflakeTestEndpoint> | undefined;
afterAll(async () => (await endpoint)?.close());

describeWarehouseContract('snowflake (emulator)', async () => {
  endpoint ??= startSnowflake();
  const { accessUrl } = await endpoint;
  const target = { database: 'LEDGERLINE', schema: uniqueName('raw').toUpperCase() };
  const connection: SnowflakeConfigInput = { account: 'emulator', username: 'contract', password: 'emulator-only', accessUrl, ...target };
  const reader = await createSnowflakeConnection(connection);
  return {
    open: async (hooks) => createSnowflakeWarehouse({ connection, hooks, settings: { retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 50 } } }),
    readRows: (table) => readSnowflakeRawRows(reader, target, table),
    dispose: async () => {
      await reader.execute(`DROP SCHEMA IF EXISTS ${rawSchema(target)} CASCADE`);
      await reader.close();
    },
  };
});
