import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLandingLoader, type ObjectStore } from '@ledgerline/cdc';
import { DuckDbChangeLogWarehouse, DuckDbLandingFileInspector } from '@ledgerline/duckdb';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { silentLogger } from '@ledgerline/logging';
import { openS3ObjectStore, type OpenedS3ObjectStore } from '@ledgerline/s3';
import { startS3, uniqueName } from '@ledgerline/testing';
import { writeLandedParquet, type LandedRow } from './landed-parquet.fixture.ts';

const keyOf = (first: number, last: number) => `cdc/public.customers/dt=2026-12-06/0-${first}-${last}.parquet`;

describe('fault 4 on S3 (versitygw): duplicate and lost notifications, reconcile by ListObjectsV2', () => {
  let dir: string;
  let opened: OpenedS3ObjectStore;
  let store: ObjectStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'landing-loader-s3-'));
    const s3 = await startS3();
    opened = await openS3ObjectStore({ endpoint: s3.endpoint, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, bucket: uniqueName('loader').replace(/_/g, '-') });
    store = opened.store;
  }, 600_000);
  afterAll(async () => {
    await opened?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('each landed object is loaded once, the missed one by the reconcile pass', async () => {
    const land = async (first: number, last: number) => {
      const rows: LandedRow[] = [];
      for (let offset = first; offset <= last; offset += 1) rows.push({ offset, op: 'c', key: { customer_id: `c${offset}` }, before: null, after: { customer_id: `c${offset}` } });
      const local = join(dir, `${first}.parquet`);
      await writeLandedParquet(local, { schema: 'public', table: 'customers', partition: 0 }, rows);
      return store.putFile(keyOf(first, last), local);
    };
    const path = join(dir, 'warehouse.duckdb');
    const warehouse = new DuckDbChangeLogWarehouse({ path });
    const inspector = new DuckDbLandingFileInspector();
    const loader = runLandingLoader({ store, warehouse, inspector, logger: silentLogger }, { reconcileIntervalMs: 0 });
    try {
      await loader.reconcile();
      await land(0, 9);
      await land(10, 19);
      const first = await loader.notify([keyOf(0, 9)]);
      const again = await loader.notify([keyOf(0, 9)]);
      expect([...first, ...again].map((r) => r.outcome)).toEqual(['loaded', 'already-loaded']);
      const pass = await loader.reconcile(); // keyOf(10, 19) was never notified
      expect(pass).toMatchObject({ listed: 2, upToDate: 1, failed: [] });
      expect(pass.loads).toEqual([expect.objectContaining({ key: keyOf(10, 19), outcome: 'loaded', rows: 10 })]);
      const etags = new Map((await store.list('cdc/')).map((o) => [o.key, o.etag]));
      expect([...(await warehouse.manifest('cdc/')).values()].map((e) => [e.key, e.etag, e.rows])).toEqual([
        [keyOf(0, 9), etags.get(keyOf(0, 9)), 10],
        [keyOf(10, 19), etags.get(keyOf(10, 19)), 10],
      ]);
    } finally {
      await loader.stop();
      await warehouse.close();
      await inspector.close();
    }
    const [counts] = await probeDuckDb(path).rows(`SELECT count(*) AS n, count(DISTINCT kafka_offset) AS d FROM raw.cdc_public_customers`);
    expect(counts).toEqual({ n: 20n, d: 20n });
  });
});
