import { afterAll, describe, expect, it } from 'vitest';
import { changeLogRowRead, describeChangeLogWarehouseContract } from '@ledgerline/cdc/testing';
import { loadConfig } from '@ledgerline/config';
import { createSnowflakeConnection, snowflakeFromEnv } from '@ledgerline/snowflake';
import { startSnowflake, uniqueName, type SnowflakeTestEndpoint } from '@ledgerline/testing';
import { TransientError } from '@ledgerline/transactions';
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
      return rows.map(changeLogRowRead);
    },
    dispose: async () => {
      await files.close();
      await reader.execute(`DROP SCHEMA IF EXISTS LEDGERLINE."${schema}" CASCADE`);
      await reader.close();
    },
  };
});

describe('SnowflakeChangeLogWarehouse: a session lost at COMMIT', () => {
  it('fails the load as a TransientError naming the object, commits nothing, and the next load logs in again and loads it once', async () => {
    endpoint ??= startSnowflake();
    const { accessUrl, controls } = await endpoint;
    const schema = uniqueName('raw').toUpperCase();
    const env = loadConfig({
      env: { WAREHOUSE: 'snowflake', SNOWFLAKE_ACCOUNT: 'emulator', SNOWFLAKE_USER: 'cdc_loader', SNOWFLAKE_PASSWORD: 'emulator-only', SNOWFLAKE_SCHEMA: schema, SNOWFLAKE_ACCESS_URL: accessUrl },
      dotenvPath: false,
    });
    const snowflake = snowflakeFromEnv(env);
    const files = landedFileBytes();
    let armed = true;
    // The next request after the hook is the COMMIT: it is answered "session no longer exists" (390111;
    // the driver then calls its connection terminated, 407002).
    const warehouse = snowflake.changeLogWarehouse({
      beforeCommit: async () => {
        if (armed) await controls.failNext({ count: 1, code: '390111', scope: 'query' });
        armed = false;
      },
    });
    const reader = await createSnowflakeConnection(snowflake.connection);
    try {
      const rows = Array.from({ length: 4 }, (_, i) => ({
        topic: 'ledgerline.public.accounts',
        partition: 0,
        offset: BigInt(i),
        op: 'c',
        key_json: `{"id":${i}}`,
        before_json: null,
        after_json: `{"id":${i}}`,
        source_schema: 'public',
        source_table: 'accounts',
        lsn: 10 + i,
        tx_id: 1,
        source_ts_ms: 1_765_000_000_000,
        ts_ms: 1_765_000_000_001,
        snapshot: 'false',
      }));
      const body = await files.write(rows);
      const key = 'cdc/public.accounts/dt=2026-12-06/0-0-3.parquet';
      const object = { name: { key, prefix: 'cdc', schema: 'public', table: 'accounts', dt: '2026-12-06', partition: 0, firstOffset: 0n, lastOffset: 3n }, etag: '"e"', size: body.length };
      const failure = await warehouse.loadObject(object, body).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(TransientError);
      expect(String((failure as Error).message)).toMatch(new RegExp(`^load ${key} into CDC_PUBLIC_ACCOUNTS: .*\\(code (390111|407002)\\)$`));
      const count = async () => Number((await reader.execute<{ N: number }>(`SELECT COUNT(*) AS N FROM LEDGERLINE."${schema}".CDC_PUBLIC_ACCOUNTS`)).rows[0]?.N);
      expect(await count()).toBe(0);
      expect(await warehouse.loadObject(object, body)).toEqual({ outcome: 'loaded', rows: 4, replacedRows: 0 });
      expect(await warehouse.loadObject(object, body)).toMatchObject({ outcome: 'already-loaded' });
      expect(await count()).toBe(4);
    } finally {
      await warehouse.close();
      await files.close();
      await reader.execute(`DROP SCHEMA IF EXISTS LEDGERLINE."${schema}" CASCADE`);
      await reader.close();
    }
  });
});
