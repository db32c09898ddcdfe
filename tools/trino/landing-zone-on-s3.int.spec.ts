import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LANDING_PREFIX, landingFileKey, type LandingRow, type ObjectStore } from '@ledgerline/cdc';
import { DuckDbLandingFileInspector, DuckDbParquetWriter, withDuckDb } from '@ledgerline/duckdb';
import { openS3ObjectStore, type OpenedS3ObjectStore } from '@ledgerline/s3';
import { createTestDatabase, repoRoot, startS3, startTrino, uniqueName, type TestDatabase } from '@ledgerline/testing';
import { createIcebergCatalog, dropCatalog, jdbcOf, TrinoClient, TrinoLandingTables } from '@ledgerline/trino';

// Trino over the object store: the CDC landing zone's Parquet files (written by the project's own
// landing writer, uploaded to the real S3-compatible server) become Iceberg tables on that same
// bucket without a copy, each file once. DuckDB reading the same files is the reference.
describe('TrinoLandingTables: the landing zone on S3 as Iceberg tables', () => {
  const work = mkdtempSync(join(tmpdir(), 'trino-landing-'));
  const bucket = uniqueName('landing').replace(/_/g, '-').slice(0, 63);
  const catalog = uniqueName('landing');
  let client: TrinoClient;
  let database: TestDatabase;
  let s3: OpenedS3ObjectStore;
  let tables: TrinoLandingTables;
  const writer = new DuckDbParquetWriter();
  const inspector = new DuckDbLandingFileInspector();

  beforeAll(async () => {
    const [{ url }, endpoint] = await Promise.all([startTrino(), startS3()]);
    client = new TrinoClient({ url, user: 'ledgerline-test', timeoutMs: 120_000 });
    s3 = await openS3ObjectStore({ ...endpoint, bucket, createBucket: true, forcePathStyle: true });
    database = await createTestDatabase('trino_landing');
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(readFileSync(join(repoRoot(), 'tools', 'services', 'trino', 'iceberg-jdbc-catalog.sql'), 'utf8')).finally(() => admin.end());
    await createIcebergCatalog(client, {
      name: catalog,
      ...jdbcOf(database.url),
      storage: { kind: 's3', warehouse: `s3://${bucket}/lake`, ...endpoint },
      addFiles: true,
    });
    tables = new TrinoLandingTables(client, { catalog, schema: 'raw', bucket, prefix: DEFAULT_LANDING_PREFIX }, { store: s3.store, inspector });
  }, 600_000);

  afterAll(async () => {
    await writer.close();
    await inspector.close();
    if (client) await dropCatalog(client, catalog).catch(() => undefined);
    await database?.drop();
    await s3?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const row = (table: string, offset: number, op: 'r' | 'c' | 'u' | 'd'): LandingRow => ({
    topic: `ledgerline.public.${table}`,
    partition: 0,
    offset: BigInt(offset),
    op,
    key_json: JSON.stringify({ id: `k${offset % 7}` }),
    before_json: op === 'u' || op === 'd' ? JSON.stringify({ id: `k${offset % 7}`, v: offset - 1 }) : null,
    after_json: op === 'd' ? null : JSON.stringify({ id: `k${offset % 7}`, v: offset, note: 'ünïcödé, "quoted"' }),
    source_schema: 'public',
    source_table: table,
    lsn: 1_000_000 + offset,
    tx_id: offset % 3 === 0 ? null : 700 + offset,
    source_ts_ms: 1_765_000_000_000 + offset,
    ts_ms: 1_765_000_000_500 + offset,
    snapshot: op === 'r' ? 'true' : 'false',
  });
  /** Lands rows of `table` at offsets [first, last] through the landing writer, as the CDC stage does. */
  const land = async (store: ObjectStore, table: string, first: number, last: number) => {
    const rows = Array.from({ length: last - first + 1 }, (_, i) => row(table, first + i, (['r', 'c', 'u', 'd'] as const)[(first + i) % 4]!));
    const path = join(work, `${table}-${first}.parquet`);
    await writer.write(rows, path);
    const key = landingFileKey({ prefix: DEFAULT_LANDING_PREFIX, schema: 'public', table, dt: '2026-12-07', partition: 0, firstOffset: BigInt(first), lastOffset: BigInt(last) });
    return store.put(key, readFileSync(path));
  };
  /** The same files read by DuckDB (the reference), in offset order. */
  const duckdbRows = (files: string[]) =>
    withDuckDb(':memory:', async (db) => {
      const list = files.map((f) => `'${f}'`).join(', ');
      const reader = await db.runAndReadAll(`SELECT "offset"::varchar AS o, op, key_json, after_json, lsn::varchar AS lsn, tx_id::varchar AS tx FROM read_parquet([${list}]) ORDER BY "offset"`);
      return reader.getRows().map((r) => r.map((v) => (v === null ? null : String(v))));
    });
  const trinoRows = async (table: string) =>
    (await client.run(`SELECT CAST("offset" AS varchar), op, key_json, after_json, CAST(lsn AS varchar), CAST(tx_id AS varchar) FROM ${tables.tableName(table)} ORDER BY "offset"`)).rows.map((r) =>
      r.map((v) => (v === null ? null : String(v))),
    );

  it('registers each landed file in place, once, and reads exactly what DuckDB reads from the same files', async () => {
    const first = await land(s3.store, 'customers', 0, 99);
    const second = await land(s3.store, 'customers', 100, 149);
    const accounts = await land(s3.store, 'accounts', 0, 9);
    expect(await tables.register([first, second, accounts])).toEqual({ added: 3, alreadyRegistered: 0, refused: [] });

    const local = [0, 100].map((n) => join(work, `customers-${n}.parquet`));
    expect(await trinoRows('cdc_public_customers')).toEqual(await duckdbRows(local));
    expect((await trinoRows('cdc_public_accounts')).length).toBe(10);

    // A repeated notification, a re-scan of the prefix and one new file: only the new one is added.
    const third = await land(s3.store, 'customers', 150, 159);
    const listing = await s3.store.list(DEFAULT_LANDING_PREFIX);
    expect(await tables.register(listing)).toEqual({ added: 1, alreadyRegistered: 3, refused: [] });
    expect(await tables.register([first, third])).toEqual({ added: 0, alreadyRegistered: 2, refused: [] });
    expect(await trinoRows('cdc_public_customers')).toEqual(await duckdbRows([...local, join(work, 'customers-150.parquet')]));

    // No byte was copied: the table's files are the landed objects themselves.
    const files = await client.run(`SELECT file_path FROM ${catalog}.raw."cdc_public_customers$files" ORDER BY file_path`);
    expect(files.rows.map((r) => r[0])).toEqual([first.key, second.key, third.key].sort().map((k) => `s3://${bucket}/${k}`));
  }, 300_000);

  it('notifications arriving at once (two calls racing) add each file once', async () => {
    const files = [];
    for (const n of [200, 210, 220]) files.push(await land(s3.store, 'customers', n, n + 9));
    // Iceberg's add_files alone lets two racing commits both add a file (4 entries for 3 files
    // when this ran on two instances): calls on one registrar are serialised.
    const [a, b] = await Promise.all([tables.register(files), tables.register([...files].reverse())]);
    expect(a.refused).toEqual([]);
    expect(b.refused).toEqual([]);
    expect(a.added + b.added).toBe(3);
    expect(a.alreadyRegistered + b.alreadyRegistered).toBe(3);
    const counted = await client.run(`SELECT count(*) FROM ${tables.tableName('cdc_public_customers')} WHERE "offset" >= 200`);
    expect(Number(counted.rows[0]![0])).toBe(30);
  }, 300_000);

  it('refuses a key that is not a landing file, a file that is not Parquet, and a landed file rewritten in place', async () => {
    const stray = await s3.store.put(`${DEFAULT_LANDING_PREFIX}/public.customers/readme.txt`, Buffer.from('not a landing file'));
    const brokenKey = landingFileKey({ prefix: DEFAULT_LANDING_PREFIX, schema: 'public', table: 'accounts', dt: '2026-12-07', partition: 0, firstOffset: 50n, lastOffset: 59n });
    const broken = await s3.store.put(brokenKey, Buffer.from('PAR1 this is not a parquet file'));
    const before = await trinoRows('cdc_public_accounts');
    const result = await tables.register([stray, broken]);
    expect(result.added).toBe(0);
    expect(result.refused.map((r) => r.key)).toEqual([stray.key, broken.key]);
    expect(result.refused[0]!.reason).toMatch(/is not cdc\/<schema>\.<table>\/dt=YYYY-MM-DD/);
    expect(result.refused[1]!.reason).toMatch(new RegExp(`s3://${bucket}/${brokenKey} is not a landing file to register: not a readable Parquet file`));
    expect(await trinoRows('cdc_public_accounts')).toEqual(before);

    // Another writer's file whose rows contradict its key (offsets 0-9 under a key naming 500-509):
    // registering it in place would have put those rows in the table as they are (seen with a
    // pyarrow-written file before the inspection ran here).
    const misnamedPath = join(work, 'misnamed.parquet');
    await writer.write(Array.from({ length: 10 }, (_, i) => row('accounts', i, 'c')), misnamedPath);
    const misnamedKey = landingFileKey({ prefix: DEFAULT_LANDING_PREFIX, schema: 'public', table: 'accounts', dt: '2026-12-07', partition: 0, firstOffset: 500n, lastOffset: 509n });
    const misnamed = await s3.store.put(misnamedKey, readFileSync(misnamedPath));
    expect((await tables.register([misnamed])).refused).toEqual([
      { key: misnamedKey, reason: `s3://${bucket}/${misnamedKey} is not a landing file to register: offsets 0-9 in the file differ from 500-509 in its name` },
    ]);
    expect(await trinoRows('cdc_public_accounts')).toEqual(before);

    // An object under a registered key whose size changed was rewritten: refused (registration is
    // zero-copy, so the landing zone must never rewrite a file; docs/trino.md says so).
    const registered = await land(s3.store, 'accounts', 10, 19);
    await tables.register([registered]);
    const rewrittenPath = join(work, 'rewritten.parquet');
    await writer.write([row('accounts', 10, 'c')], rewrittenPath);
    const rewritten = await s3.store.put(registered.key, readFileSync(rewrittenPath));
    const again = await tables.register([rewritten]);
    expect(again.refused).toEqual([{ key: registered.key, reason: expect.stringMatching(/was registered with \d+ bytes and is now \d+: a landed file never changes/) as unknown as string }]);
  }, 300_000);
});
