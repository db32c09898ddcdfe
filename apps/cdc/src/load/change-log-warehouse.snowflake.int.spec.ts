import { afterAll } from 'vitest';
import { describeChangeLogWarehouseContract, type ChangeLogRowRead } from '@ledgerline/cdc/testing';
import { loadConfig } from '@ledgerline/config';
import { createSnowflakeConnection, snowflakeFromEnv } from '@ledgerline/snowflake';
import { startSnowflake, uniqueName, type SnowflakeTestEndpoint } from '@ledgerline/testing';
import { landedFileBytes } from './landed-file-bytes.fixture.ts';

// The ChangeLogWarehouse contract on Snowflake through the real snowflake-sdk driver against
// tools/snowflake-emulator (a fake: TEST_SNOWFLAKE_ACCESS_URL, else one started in this process),
// built the way `cdc load` builds it (snowflakeFromEnv from SNOWFLAKE_*); a schema per test.
let endpoint: Promise<SnowflakeTestEndpoint> | undefined;
afterAll(async () => (await endpoint)?.close());

describeChangeLogWarehouseContract('snowflake (emulator)', async () => {
  endpoint ??= startSnowflake();
  const { accessUrl } = await endpoint;
  const schema = uniqueName('raw').toUpperCase();
  const env = loadConfig({
    env: { WAREHOUSE: 'snowflake', SNOWFLAKE_ACCOUNT: 'emulator', SNOWFLAKE_USER: 'cdc_loader', SNOWFLAKE_PASSWORD: 'emulator-only', SNOWFLAKE_SCHEMA: schema, SNOWFLAKE_ACCESS_URL: accessUrl },
    dotenvPath: false,
  });
  const snowflake = snowflakeFromEnv(env);
  const reader = await createSnowflakeConnection(snowflake.connection);
  const files = landedFileBytes();
  return {
    open: async (hooks) => snowflake.changeLogWarehouse(hooks),
    landedFile: (rows) => files.write(rows),
    readChangeLog: async (table) => {
      const { rows: found } = await reader.execute<{ N: number }>(
        `SELECT COUNT(*) AS N FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`,
        { binds: [schema, table.toUpperCase()] },
      );
      if (Number(found[0]?.N) === 0) return [];
      const { rows } = await reader.execute<Record<string, unknown>>(
        // Quoted lower-case aliases: the names of the contract's rows.
        `SELECT KAFKA_PARTITION AS "kafka_partition", KAFKA_OFFSET AS "kafka_offset", OP AS "op", KEY_JSON AS "key_json", AFTER_JSON AS "after_json", _OBJECT_KEY AS "_object_key" FROM LEDGERLINE."${schema}".${table.toUpperCase()} ORDER BY KAFKA_PARTITION, KAFKA_OFFSET`,
      );
      return rows.map(
        (r): ChangeLogRowRead => ({
          kafka_partition: Number(r.kafka_partition),
          kafka_offset: Number(r.kafka_offset),
          op: String(r.op),
          key_json: r.key_json === null ? null : String(r.key_json),
          after_json: r.after_json === null ? null : String(r.after_json),
          _object_key: String(r._object_key),
        }),
      );
    },
    dispose: async () => {
      await files.close();
      await reader.execute(`DROP SCHEMA IF EXISTS LEDGERLINE."${schema}" CASCADE`);
      await reader.close();
    },
  };
});
