import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '@ledgerline/testing';
import { syncOnce, WarehouseLockedError, WarehouseUnavailableError, type WarehouseBatch, type WarehouseHooks } from '@ledgerline/warehouse-sync';
import { CONTRACT_TABLE, contractItem, contractTombstone, InMemoryChangeFeed } from '@ledgerline/warehouse-sync/testing';
// The emulator is a test fixture under tools/ (not an Nx library, so it has no @ledgerline
// alias). These tests need what only an in-process emulator offers (users with passwords, a
// database file that survives a restart), so it is imported by path on purpose.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startSnowflakeEmulator, type SnowflakeEmulator } from '../../../../../tools/snowflake-emulator/src/index.ts';
import { createSnowflakeConnection, type SnowflakeConnection } from '../client/create-snowflake-connection.ts';
import type { SnowflakeConfigInput } from '../configuration.ts';
import { createSnowflakeWarehouse, type SnowflakeWarehouseOptions } from './factory.ts';
import { readSnowflakeRawRows } from './read-raw-rows.ts';
import { rawTable } from './sql/identifiers.ts';

// The Snowflake warehouse through the real snowflake-sdk driver, against the local emulator:
// the staged-file path, retries, an unavailable warehouse, query tags and lock takeover.
const USER = 'LEDGERLINE_SYNC';
const PASSWORD = 'emulator-only-password';
const FAST_RETRY = { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 };

let scratch: string;
let emulator: SnowflakeEmulator;
let reader: SnowflakeConnection;

function connectionFor(url: string, schema: string, overrides: Partial<SnowflakeConfigInput> = {}): SnowflakeConfigInput {
  return { account: 'emulator', username: USER, password: PASSWORD, accessUrl: url, database: 'LEDGERLINE', schema, maxLoginRetries: 0, ...overrides };
}

interface OpenOptions extends Pick<SnowflakeWarehouseOptions, 'hooks' | 'settings'> {
  readonly url?: string;
  readonly connection?: Partial<SnowflakeConfigInput>;
}

function openWarehouse(schema: string, options: OpenOptions = {}) {
  return createSnowflakeWarehouse({
    connection: connectionFor(options.url ?? emulator.url, schema, options.connection),
    hooks: options.hooks,
    settings: { retry: FAST_RETRY, stagingDir: join(scratch, 'staging'), ...options.settings },
  });
}

const newSchema = () => uniqueName('raw').toUpperCase();
const target = (schema: string) => ({ database: 'LEDGERLINE', schema });
const window = (fromXid: bigint, toXid: bigint, done = true) => ({ fromXid, toXid, done });

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'snowflake-warehouse-int-'));
  mkdirSync(join(scratch, 'staging'));
  emulator = await startSnowflakeEmulator({ users: [{ name: USER, password: PASSWORD }] });
  reader = await createSnowflakeConnection(connectionFor(emulator.url, 'PUBLIC'));
});

afterAll(async () => {
  await reader?.close();
  await emulator?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('SnowflakeWarehouse against the emulator', () => {
  it('loads a batch above the threshold through a CSV file, PUT and COPY INTO, keeping every value exact', async () => {
    const schema = newSchema();
    const warehouse = openWarehouse(schema, { settings: { stagedFileThreshold: 100 } });
    try {
      await warehouse.ensureSchema([CONTRACT_TABLE]);
      const tricky = [
        contractItem('q-1', 1n, { label: 'say "hi", then\nleave' }),
        contractItem('q-2', 2n, { label: '' }),
        contractItem('q-3', 3n, { label: '\\N', amount: '0.05', flag: false, big: -1n, small: 0 }),
      ];
      const upserts = [...tricky, ...Array.from({ length: 250 }, (_, i) => contractItem(`k-${String(i).padStart(3, '0')}`, BigInt(i + 10)))];
      const before = emulator.queryHistory().length;
      await warehouse.applyBatch({ table: CONTRACT_TABLE, upserts, deletes: [contractTombstone('gone', 999n)], watermark: window(0n, 50n) });

      const sent = emulator.queryHistory().slice(before);
      const put = sent.filter((q) => q.sqlText.startsWith('PUT ') && q.sqlText.includes('@%LEDGERLINE_SYNC_STAGING'));
      const copy = sent.filter((q) => q.sqlText.startsWith('COPY INTO LEDGERLINE_SYNC_STAGING'));
      expect(put.map((q) => q.status)).toEqual(['SUCCESS']);
      expect(copy.map((q) => q.status)).toEqual(['SUCCESS']);
      expect(sent.some((q) => q.sqlText.startsWith('INSERT INTO LEDGERLINE_SYNC_STAGING'))).toBe(false);
      expect(readdirSync(join(scratch, 'staging'))).toEqual([]); // the local CSV is gone

      const rows = await readSnowflakeRawRows(reader, target(schema), CONTRACT_TABLE);
      expect(rows).toHaveLength(254);
      const byKey = new Map(rows.map((r) => [r.item_id, r]));
      expect(byKey.get('q-1')?.label).toBe('say "hi", then\nleave');
      expect(byKey.get('q-2')?.label).toBe('');
      expect(byKey.get('q-3')).toMatchObject({ label: '\\N', amount: '0.05', flag: false, big: -1n, small: 0, _deleted: false });
      expect(byKey.get('k-000')).toMatchObject({ amount: '12.30', big: 9_007_199_254_740_993n, small: -7, _change_seq: 10n });
      expect(byKey.get('gone')).toMatchObject({ label: null, amount: null, _deleted: true, _change_seq: 999n });
      expect(await warehouse.readWatermark(CONTRACT_TABLE.name)).toMatchObject({ horizon: 50n, maxChangeSeq: 999n });

      // A small batch on the same warehouse takes the array-bind path.
      const mark = emulator.queryHistory().length;
      await warehouse.applyBatch({ table: CONTRACT_TABLE, upserts: [contractItem('q-2', 1_000n, { label: 'again' })], deletes: [], watermark: window(50n, 60n) });
      const small = emulator.queryHistory().slice(mark);
      expect(small.some((q) => q.sqlText.startsWith('INSERT INTO LEDGERLINE_SYNC_STAGING'))).toBe(true);
      expect(small.some((q) => q.sqlText.startsWith('PUT '))).toBe(false);
    } finally {
      await warehouse.close();
    }
  });

  it.each([
    ['array binds', 10_000],
    ['a staged file', 1],
  ])('retries the whole transaction on an injected transient error (000625) via %s, and loads the batch exactly once', async (_path, threshold) => {
    const schema = newSchema();
    let injected = 0;
    const hooks: WarehouseHooks = {
      // Inside the transaction, after the MERGE: the next statement (the watermark) fails.
      beforeWatermark: () => {
        if (injected++ === 0) emulator.failNext({ code: '000625', message: 'Statement aborted: too many waiters for the table lock', scope: 'query' });
      },
    };
    const warehouse = openWarehouse(schema, { hooks, settings: { stagedFileThreshold: threshold } });
    try {
      await warehouse.ensureSchema([CONTRACT_TABLE]);
      await warehouse.applyBatch({ table: CONTRACT_TABLE, upserts: [contractItem('a', 1n)], deletes: [], watermark: window(0n, 10n) });
      const batch: WarehouseBatch = {
        table: CONTRACT_TABLE,
        upserts: [contractItem('a', 2n, { amount: '99.99' }), contractItem('b', 3n)],
        deletes: [contractTombstone('c', 4n)],
        watermark: window(10n, 20n),
      };
      injected = 0;
      const failuresBefore = emulator.injectedFailures();
      const mark = emulator.queryHistory().length;
      await warehouse.applyBatch(batch);

      expect(emulator.injectedFailures()).toBe(failuresBefore + 1);
      expect(injected).toBe(2); // the hook ran once per attempt
      const statements = emulator.queryHistory().slice(mark).map((q) => q.sqlText.split(/\s/)[0]);
      expect(statements.filter((s) => s === 'BEGIN')).toHaveLength(2);
      expect(statements.filter((s) => s === 'ROLLBACK')).toHaveLength(1);
      expect(statements.filter((s) => s === 'COMMIT')).toHaveLength(1);
      const rows = await readSnowflakeRawRows(reader, target(schema), CONTRACT_TABLE);
      expect(rows.map((r) => [r.item_id, r.amount, r._change_seq, r._deleted])).toEqual([
        ['a', '99.99', 2n, false],
        ['b', '12.30', 3n, false],
        ['c', null, 4n, true],
      ]);
      expect(await warehouse.readWatermark(CONTRACT_TABLE.name)).toMatchObject({ horizon: 20n, maxChangeSeq: 4n });
    } finally {
      await warehouse.close();
    }
  });

  it('tags every statement with the table it loads, and lock statements as lock', async () => {
    const schema = newSchema();
    const warehouse = openWarehouse(schema);
    const feed = new InMemoryChangeFeed();
    feed.write((tx) => tx.upsert(CONTRACT_TABLE, contractItem('a', 0n)));
    try {
      const mark = emulator.queryHistory().length;
      await syncOnce({ changeFeed: feed, warehouse, batchSize: 10 }, { tables: [CONTRACT_TABLE] });
      const sent = emulator.queryHistory().slice(mark);
      const tagOf = (prefix: string) => sent.find((q) => q.sqlText.startsWith(prefix))?.queryTag;
      expect(tagOf(`MERGE INTO ${rawTable(target(schema), CONTRACT_TABLE.name)}`)).toBe('ledgerline:warehouse-sync:contract_items');
      expect(tagOf('COMMIT')).toBe('ledgerline:warehouse-sync:contract_items');
      expect(tagOf(`MERGE INTO ${rawTable(target(schema), '_sync_lock')}`)).toBe('ledgerline:warehouse-sync:lock');
      expect(tagOf('CREATE TABLE IF NOT EXISTS')).toBe('ledgerline:warehouse-sync:lock');
      expect(emulator.queryTags()).toContain('ledgerline:warehouse-sync:schema');
    } finally {
      await warehouse.close();
    }
  });

  it('takes over the expired lease of a crashed sync, and refuses a live one naming its holder', async () => {
    const schema = newSchema();
    const warehouse = openWarehouse(schema);
    const lockTable = rawTable(target(schema), '_sync_lock');
    try {
      await warehouse.ensureSchema([CONTRACT_TABLE]);
      await reader.execute(
        `INSERT INTO ${lockTable} VALUES ('warehouse-sync', 'crashed-host pid 1 (dead0000)', CURRENT_TIMESTAMP() - INTERVAL '2 hours', CURRENT_TIMESTAMP() - INTERVAL '1 hour')`,
      );
      expect(await warehouse.withLock('warehouse-sync', async () => 'ran')).toBe('ran');
      expect((await reader.execute(`SELECT COUNT(*) AS "N" FROM ${lockTable}`)).rows).toEqual([{ N: 0 }]);

      await reader.execute(
        `INSERT INTO ${lockTable} VALUES ('warehouse-sync', 'busy-host pid 2 (live0000)', CURRENT_TIMESTAMP(), CURRENT_TIMESTAMP() + INTERVAL '1 hour')`,
      );
      const error = await warehouse.withLock('warehouse-sync', async () => 'ran').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WarehouseLockedError);
      expect((error as Error).message).toContain('busy-host pid 2 (live0000)');
    } finally {
      await warehouse.close();
    }
  });

  it('reports a wrong password as WarehouseUnavailableError with a clear message, and moves no watermark', async () => {
    const schema = newSchema();
    const good = openWarehouse(schema);
    const feed = new InMemoryChangeFeed();
    feed.write((tx) => tx.upsert(CONTRACT_TABLE, contractItem('a', 0n)));
    await syncOnce({ changeFeed: feed, warehouse: good, batchSize: 10 }, { tables: [CONTRACT_TABLE] });
    const before = await good.readWatermark(CONTRACT_TABLE.name);
    await good.close();

    feed.write((tx) => tx.upsert(CONTRACT_TABLE, contractItem('b', 0n)));
    const bad = openWarehouse(schema, { connection: { password: 'not-the-password' } });
    const error = await syncOnce({ changeFeed: feed, warehouse: bad, batchSize: 10 }, { tables: [CONTRACT_TABLE] }).catch((e: unknown) => e);
    await bad.close();
    expect(error).toBeInstanceOf(WarehouseUnavailableError);
    expect((error as Error).message).toBe(
      `cannot log in to Snowflake account emulator as ${USER} (LEDGERLINE.${schema}, via ${emulator.url}): Incorrect username or password was specified. (code 390100)`,
    );
    expect((error as Error).message).not.toContain('not-the-password');

    const check = openWarehouse(schema);
    try {
      expect(await check.readWatermark(CONTRACT_TABLE.name)).toEqual(before);
      expect((await readSnowflakeRawRows(reader, target(schema), CONTRACT_TABLE)).map((r) => r.item_id)).toEqual(['a']);
    } finally {
      await check.close();
    }
  });

  it('reports a warehouse that is down as WarehouseUnavailableError, and the watermark is unchanged once it is back', async () => {
    const dbPath = join(scratch, 'restartable.duckdb');
    const schema = newSchema();
    const feed = new InMemoryChangeFeed();
    feed.write((tx) => tx.upsert(CONTRACT_TABLE, contractItem('a', 0n)));
    let own = await startSnowflakeEmulator({ dbPath, users: [{ name: USER, password: PASSWORD }] });
    try {
      const first = openWarehouse(schema, { url: own.url });
      await syncOnce({ changeFeed: feed, warehouse: first, batchSize: 10 }, { tables: [CONTRACT_TABLE] });
      const before = await first.readWatermark(CONTRACT_TABLE.name);
      await first.close();
      const downUrl = own.url;
      await own.close();

      feed.write((tx) => tx.upsert(CONTRACT_TABLE, contractItem('b', 0n)));
      const down = openWarehouse(schema, { url: downUrl });
      const error = await syncOnce({ changeFeed: feed, warehouse: down, batchSize: 10 }, { tables: [CONTRACT_TABLE] }).catch((e: unknown) => e);
      await down.close();
      expect(error).toBeInstanceOf(WarehouseUnavailableError);
      // 401001: the driver's network error (connection refused or reset), after maxLoginRetries (0 here).
      expect((error as Error).message).toMatch(new RegExp(`^cannot log in to Snowflake account emulator as ${USER} .*via ${downUrl}\\): .+ \\(code 401001\\)$`));

      own = await startSnowflakeEmulator({ dbPath, users: [{ name: USER, password: PASSWORD }] });
      const back = openWarehouse(schema, { url: own.url });
      try {
        expect(await back.readWatermark(CONTRACT_TABLE.name)).toEqual(before);
        const check = await createSnowflakeConnection(connectionFor(own.url, 'PUBLIC'));
        try {
          expect((await readSnowflakeRawRows(check, target(schema), CONTRACT_TABLE)).map((r) => r.item_id)).toEqual(['a']);
        } finally {
          await check.close();
        }
      } finally {
        await back.close();
      }
    } finally {
      await own.close();
    }
  });
});
