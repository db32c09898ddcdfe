import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLandingFileKey } from '@ledgerline/cdc';
import { loadConfig, type LedgerlineEnv } from '@ledgerline/config';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { silentLogger } from '@ledgerline/logging';
import { openDurableEventBus } from '@ledgerline/memory';
import { createTriggerLogChangeSource, openPostgres, type PostgresAdapter } from '@ledgerline/postgres';
import { probeStore } from '@ledgerline/postgres/testing';
import { openS3ObjectStore, type OpenedS3ObjectStore } from '@ledgerline/s3';
import { startS3, uniqueName } from '@ledgerline/testing';
import { cdcStage } from './cdc-stage.ts';
import { QuiesceGate } from './quiesce-gate.ts';

// Issue #27: the main job's CDC stage always landed in DATA_DIR/landing, while `cdc land | load`
// and the pipeline's landing flows used the bucket at S3_ENDPOINT. With S3 configured the stage
// lands its Parquet files in the bucket (nothing on the local disk) and loads them from there.
describe('pipeline CDC stage with S3_ENDPOINT set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdc-stage-s3-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const bucket = uniqueName('stage').replace(/_/g, '-');
  let env: LedgerlineEnv;
  let postgres: PostgresAdapter;
  let s3: Awaited<ReturnType<typeof startS3>>;
  let bucketReader: OpenedS3ObjectStore | undefined;

  beforeAll(async () => {
    s3 = await startS3();
    env = loadConfig({
      env: {
        DATA_DIR: dir,
        WAREHOUSE_DUCKDB_PATH: warehouse,
        CDC_LANDING_ROLL_SECONDS: '1',
        CDC_TABLES: 'public.customers',
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: bucket,
        S3_REGION: s3.region,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      },
      dotenvPath: false,
    });
    postgres = await openPostgres({ pgliteDir: 'memory://' });
    await postgres.store.migrate();
    await probeStore(postgres.store).query(
      `INSERT INTO customers (customer_id, kind, persona, name, email, city, state, country, created_at, updated_at)
       SELECT 'c' || i, 'PERSONAL', 'family', 'customer ' || i, 'c' || i || '@example.com', 'Leeds', NULL, 'GB', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
         FROM generate_series(1, 3) AS i`,
    );
  }, 120_000);
  afterAll(async () => {
    await bucketReader?.close();
    await postgres?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lands the change files in the bucket, loads them from it, and writes nothing to DATA_DIR/landing', async () => {
    const bus = await openDurableEventBus(postgres.eventLog, { defaultPartitions: 1 });
    const source = createTriggerLogChangeSource(postgres, { tables: env.CDC_TABLES, pollMs: 50 });
    const stage = cdcStage({ env, logger: silentLogger, source, ...bus, offsets: postgres.store, warehouseLock: new QuiesceGate() });
    await stage.start?.();
    while (stage.cdcStatus().phase !== 'streaming') await new Promise((r) => setTimeout(r, 50));
    await probeStore(postgres.store).query(`UPDATE customers SET name = 'renamed', updated_at = now() WHERE customer_id = 'c1'`);
    await new Promise((r) => setTimeout(r, 1_200));
    await stage.stop?.();

    // 3 snapshot reads and 1 update, loaded once.
    expect(stage.cdcStatus()).toMatchObject({ captured: 4, loadedRows: 4 });
    expect(existsSync(join(dir, 'landing'))).toBe(false);
    // The bucket was created by the stage's start (S3_CREATE_BUCKET defaults to true).
    bucketReader = await openS3ObjectStore({ ...s3, bucket, createBucket: false });
    const landed = (await bucketReader.store.list(`${env.CDC_LANDING_PREFIX}/`)).filter((o) => parseLandingFileKey(o.key, env.CDC_LANDING_PREFIX));
    expect(landed.length).toBeGreaterThan(0);
    // The warehouse manifest names exactly the objects in the bucket.
    const manifest = await probeDuckDb(warehouse).rows<{ object_key: string }>('SELECT object_key FROM raw._cdc_manifest ORDER BY object_key');
    expect(manifest.map((m) => m.object_key)).toEqual(landed.map((o) => o.key).sort());
    const ops = await probeDuckDb(warehouse).rows<{ op: string; n: number }>('SELECT op, count(*)::int AS n FROM raw.cdc_public_customers GROUP BY op ORDER BY op');
    expect(ops).toEqual([
      { op: 'r', n: 3 },
      { op: 'u', n: 1 },
    ]);
  });
});
