import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { LocalObjectStore } from '@ledgerline/files';
import { silentLogger } from '@ledgerline/logging';
import { createSnowflakeConnection, type SnowflakeConnection } from '@ledgerline/snowflake';
import { repoRoot, startNodeProcess, startSnowflake, uniqueName, type NodeProcess, type SnowflakeTestEndpoint } from '@ledgerline/testing';
import { writeLandedParquet, type LandedRow } from './landed-parquet.fixture.ts';
import { startLoadService } from './load-service.ts';

// `cdc load` with WAREHOUSE=snowflake against tools/snowflake-emulator (a fake Snowflake: the
// real snowflake-sdk driver, PUT into a table stage, COPY INTO ... TYPE = PARQUET). Before this
// existed startLoadService refused WAREHOUSE=snowflake, so every test here failed.
const FILES = 6;
const ROWS_PER_FILE = 50;
const keyOf = (n: number) => `cdc/public.accounts/dt=2026-12-06/0-${n * ROWS_PER_FILE}-${n * ROWS_PER_FILE + ROWS_PER_FILE - 1}.parquet`;
// Sorts after every good key (text order), so the start-up pass reaches it last.
const TRUNCATED_KEY = 'cdc/public.accounts/dt=2026-12-06/0-900-949.parquet';

let endpoint: Promise<SnowflakeTestEndpoint> | undefined;
afterAll(async () => (await endpoint)?.close());

describe('cdc load on Snowflake (emulator): faults 4, 5 and 7', () => {
  let dir: string | undefined;
  let child: NodeProcess | undefined;
  let reader: SnowflakeConnection | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await child?.exited;
    await reader?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SIGKILL mid-load, restart, a file notified twice, a truncated file: every good file loaded once, nothing half-loaded, the bad one quarantined', async () => {
    endpoint ??= startSnowflake();
    const { accessUrl } = await endpoint;
    dir = await mkdtemp(join(tmpdir(), 'load-snowflake-fault-'));
    const store = new LocalObjectStore(join(dir, 'landing'));
    const land = async (n: number) => {
      const rows: LandedRow[] = [];
      for (let i = 0; i < ROWS_PER_FILE; i += 1) {
        const offset = n * ROWS_PER_FILE + i;
        rows.push({ offset, op: 'u', key: { account_id: `a${offset % 7}` }, before: null, after: { account_id: `a${offset % 7}`, balance: `${offset}.00` } });
      }
      const local = join(dir!, `f${n}.parquet`);
      await writeLandedParquet(local, { schema: 'public', table: 'accounts', partition: 0 }, rows);
      await store.putFile(keyOf(n), local);
    };
    for (let n = 0; n < FILES; n += 1) await land(n);
    const good = (await store.get(keyOf(0)))!;
    await store.put(TRUNCATED_KEY, good.subarray(0, Math.floor(good.length / 2)));

    const schema = uniqueName('cdc_raw').toUpperCase();
    const env = {
      DATA_DIR: dir,
      WAREHOUSE: 'snowflake',
      SNOWFLAKE_ACCOUNT: 'emulator',
      SNOWFLAKE_USER: 'cdc_loader',
      SNOWFLAKE_PASSWORD: 'emulator-only',
      SNOWFLAKE_SCHEMA: schema,
      SNOWFLAKE_ACCESS_URL: accessUrl,
      CDC_LOAD_SECRET: 'fault-test-secret-0123',
      CDC_LOAD_PORT: '0',
      CDC_LOAD_RECONCILE_SECONDS: '0',
      LOG_FORMAT: 'json',
    };
    reader = await createSnowflakeConnection({ account: 'emulator', username: 'checker', password: 'emulator-only', accessUrl, database: 'LEDGERLINE', schema });
    const query = async (sql: string) => (await reader!.execute<Record<string, unknown>>(sql)).rows;
    const table = `LEDGERLINE."${schema}".CDC_PUBLIC_ACCOUNTS`;
    const state = async () => ({
      manifest: (await query(`SELECT OBJECT_KEY, "ROWS" FROM LEDGERLINE."${schema}"._CDC_MANIFEST ORDER BY OBJECT_KEY`)).map((r) => [String(r.OBJECT_KEY), Number(r.ROWS)]),
      rows: Number((await query(`SELECT COUNT(*) AS N FROM ${table}`))[0]?.N),
      duplicates: Number((await query(`SELECT COUNT(*) AS N FROM (SELECT KAFKA_PARTITION, KAFKA_OFFSET FROM ${table} GROUP BY 1, 2 HAVING COUNT(*) > 1)`))[0]?.N),
      perObject: (await query(`SELECT _OBJECT_KEY, COUNT(*) AS N FROM ${table} GROUP BY 1 ORDER BY 1`)).map((r) => [String(r._OBJECT_KEY), Number(r.N)]),
    });

    // The child's start-up reconcile loads the files in key order; kill inside the third one's transaction.
    const keys = Array.from({ length: FILES }, (_, n) => keyOf(n)).sort();
    child = startNodeProcess(['--import', 'tsx', join('apps', 'cdc', 'src', 'load', 'load-child.fixture.ts')], [], {
      cwd: repoRoot(),
      env: { ...env, FAULT_PAUSE_BEFORE_COMMIT_MS: '3000' },
    });
    let exited = false;
    void child.exited.then(() => (exited = true));
    const third = `in-transaction ${keys[2]}`;
    const deadline = Date.now() + 90_000;
    while (!child.output.some((line) => line.includes(third))) {
      if (exited || Date.now() > deadline) throw new Error(`the loader never reached the third load:\n${child.output.slice(-20).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    // Killed inside the third transaction (its session left open, never committed): the first two files only.
    expect(await state()).toEqual({
      manifest: [[keys[0], ROWS_PER_FILE], [keys[1], ROWS_PER_FILE]],
      rows: 2 * ROWS_PER_FILE,
      duplicates: 0,
      perObject: [[keys[0], ROWS_PER_FILE], [keys[1], ROWS_PER_FILE]],
    });

    // Restart (the same wiring, in this process): its start-up reconcile, then a notification delivered twice.
    const service = await startLoadService({ ...loadConfig({ env, dotenvPath: false }), CDC_LOAD_SECRET: env.CDC_LOAD_SECRET }, silentLogger);
    try {
      expect(service.bindings.find((b) => b.port === 'ChangeLogWarehouse')?.adapter).toMatch(/^Snowflake account emulator as cdc_loader .*PUT \+ COPY INTO/);
      // Its start-up pass (begun inside startLoadService) has loaded the rest and quarantined the truncated file by now.
      expect(await service.loader.reconcile()).toMatchObject({ listed: FILES, upToDate: FILES, loads: [], failed: [] });
      // A file landed now, its notification delivered twice at once: loaded once.
      await land(FILES);
      const twice = await Promise.all([service.loader.notify([keyOf(FILES)]), service.loader.notify([keyOf(FILES)])]);
      expect(twice.flat().map((r) => r.outcome).sort()).toEqual(['already-loaded', 'loaded']);
      expect((await service.loader.reconcile()).loads).toEqual([]);
    } finally {
      await service.close();
    }
    const all = [...keys, keyOf(FILES)].sort().map((key) => [key, ROWS_PER_FILE]);
    expect(await state()).toEqual({ manifest: all, rows: (FILES + 1) * ROWS_PER_FILE, duplicates: 0, perObject: all });
    expect(await store.head(TRUNCATED_KEY)).toBeUndefined();
    const report = JSON.parse((await store.get(`quarantine/${TRUNCATED_KEY}.report.json`))!.toString('utf8'));
    expect(report).toMatchObject({ key: TRUNCATED_KEY, reason: expect.stringContaining('not a readable Parquet file') });
    expect(await store.head(`quarantine/${TRUNCATED_KEY}`)).toBeDefined();
  }, 180_000);
});
