import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLandedObject, reconcileLanding, runLandingLoader, type LandingLoadDeps } from '@ledgerline/cdc';
import { DuckDbChangeLogWarehouse, DuckDbLandingFileInspector } from '@ledgerline/duckdb';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { LocalObjectStore } from '@ledgerline/files';
import { silentLogger } from '@ledgerline/logging';
import { writeLandedParquet, type LandedRow } from './landed-parquet.fixture.ts';
import { createLoadMetrics } from './load-metrics.ts';

const ACCOUNTS = { schema: 'public', table: 'accounts', partition: 0 };
const keyOf = (first: number, last: number, table = 'accounts') => `cdc/public.${table}/dt=2026-12-06/0-${first}-${last}.parquet`;

function changes(first: number, last: number, balance = '10.00'): LandedRow[] {
  const rows: LandedRow[] = [];
  for (let offset = first; offset <= last; offset += 1) {
    const id = `acc-${offset % 3}`;
    rows.push({ offset, op: offset < 3 ? 'c' : 'u', key: { account_id: id }, before: null, after: { account_id: id, balance } });
  }
  return rows;
}

describe('landing loader on DuckDB and a local object store', () => {
  let dir: string;
  let store: LocalObjectStore;
  let warehouse: DuckDbChangeLogWarehouse;
  let inspector: DuckDbLandingFileInspector;
  let deps: LandingLoadDeps;
  const warehousePath = () => join(dir, 'warehouse.duckdb');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'landing-loader-'));
    store = new LocalObjectStore(join(dir, 'landing'));
    warehouse = new DuckDbChangeLogWarehouse({ path: warehousePath() });
    inspector = new DuckDbLandingFileInspector();
    deps = { store, warehouse, inspector, logger: silentLogger };
  });
  afterEach(async () => {
    await warehouse.close();
    await inspector.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function land(key: string, rows: LandedRow[], table = ACCOUNTS) {
    const local = join(dir, `fixture-${Math.random().toString(36).slice(2)}.parquet`);
    await writeLandedParquet(local, table, rows);
    return store.putFile(key, local);
  }

  const query = (sql: string) => probeDuckDb(warehousePath()).rows(sql);
  const count = async (table = 'cdc_public_accounts') => Number((await query(`SELECT count(*) AS n FROM raw.${table}`))[0]?.n);
  const duplicates = async () =>
    Number((await query(`SELECT count(*) AS n FROM (SELECT topic, kafka_partition, kafka_offset FROM raw.cdc_public_accounts GROUP BY ALL HAVING count(*) > 1)`))[0]?.n);

  it('loads a landed file into the RAW change log with its manifest row, and the same key+etag again loads nothing', async () => {
    const stored = await land(keyOf(0, 9), changes(0, 9));
    expect(await loadLandedObject(deps, {}, stored.key)).toMatchObject({ outcome: 'loaded', rows: 10, replacedRows: 0, etag: stored.etag });
    expect(await loadLandedObject(deps, {}, stored.key)).toMatchObject({ outcome: 'already-loaded', rows: 10 });
    expect(await count()).toBe(10);
    const manifest = await warehouse.manifest('cdc/');
    expect([...manifest.values()]).toEqual([expect.objectContaining({ key: stored.key, etag: stored.etag, rows: 10, table: 'cdc_public_accounts' })]);
    const first = (await query(`SELECT * FROM raw.cdc_public_accounts ORDER BY kafka_offset LIMIT 1`))[0];
    expect(first).toMatchObject({ topic: 'ledgerline.public.accounts', kafka_partition: 0, op: 'c', key_json: '{"account_id":"acc-0"}', _object_key: stored.key });
    expect(JSON.parse(String(first?.after_json))).toEqual({ account_id: 'acc-0', balance: '10.00' });
  });

  it('a rewritten object (new etag, same key) replaces the rows that key loaded instead of adding to them', async () => {
    await land(keyOf(0, 9), changes(0, 9, '10.00'));
    await loadLandedObject(deps, {}, keyOf(0, 9));
    const rewritten = await land(keyOf(0, 9), changes(0, 9, '99.00'));
    expect(await loadLandedObject(deps, {}, keyOf(0, 9))).toMatchObject({ outcome: 'loaded', rows: 10, replacedRows: 10 });
    expect(await count()).toBe(10);
    expect((await query(`SELECT DISTINCT json_extract_string(after_json, '$.balance') AS b FROM raw.cdc_public_accounts`)).map((r) => r.b)).toEqual(['99.00']);
    expect((await warehouse.manifest('cdc/')).get(keyOf(0, 9))?.etag).toBe(rewritten.etag);
  });

  it('fault 4: the same notification twice and one never delivered: reconcile loads the missed one, each file once', async () => {
    await land(keyOf(0, 9), changes(0, 9));
    await land(keyOf(10, 19), changes(10, 19));
    await land(keyOf(20, 24), changes(20, 24));
    const loader = runLandingLoader(deps, { reconcileIntervalMs: 0 });
    // The start-up pass runs first; give it nothing to find by landing more afterwards.
    await loader.reconcile();
    await land(keyOf(25, 29), changes(25, 29));
    await land(keyOf(30, 34), changes(30, 34));
    const twice = await Promise.all([loader.notify([keyOf(25, 29)]), loader.notify([keyOf(25, 29), keyOf(25, 29)])]);
    expect(twice.flat().map((r) => r.outcome)).toEqual(['loaded', 'already-loaded']);
    expect(await count()).toBe(30); // keyOf(30, 34) was never notified
    const pass = await loader.reconcile();
    expect(pass).toMatchObject({ listed: 5, upToDate: 4, failed: [] });
    expect(pass.loads).toEqual([expect.objectContaining({ key: keyOf(30, 34), outcome: 'loaded', rows: 5 })]);
    await loader.stop();
    expect(await count()).toBe(35);
    expect(await duplicates()).toBe(0);
    expect([...(await warehouse.manifest('cdc/')).values()].map((e) => [e.key, e.rows])).toEqual([
      [keyOf(0, 9), 10],
      [keyOf(10, 19), 10],
      [keyOf(20, 24), 5],
      [keyOf(25, 29), 5],
      [keyOf(30, 34), 5],
    ]);
  });

  it('counts every outcome, from notifications and reconcile passes alike, in the /metrics families', async () => {
    const metrics = createLoadMetrics();
    await land(keyOf(0, 9), changes(0, 9));
    const loader = runLandingLoader(deps, { reconcileIntervalMs: 0, onOutcome: metrics.record });
    await loader.reconcile(); // the start-up pass loaded keyOf(0, 9); this one finds it up to date
    await land(keyOf(10, 14), changes(10, 14));
    await loader.notify([keyOf(10, 14), keyOf(10, 14), 'cdc/not-a-landed-file.txt']);
    await loader.notify([keyOf(10, 14)]);
    await loader.stop();
    const body = await metrics.registry.metrics();
    expect(body).toContain('ledgerline_cdc_loaded_objects_total{outcome="loaded"} 2');
    expect(body).toContain('ledgerline_cdc_loaded_objects_total{outcome="already_loaded"} 1');
    expect(body).toContain('ledgerline_cdc_loaded_objects_total{outcome="ignored"} 1');
    expect(body).toContain('ledgerline_cdc_loaded_objects_total{outcome="quarantined"} 0');
    expect(body).toContain('ledgerline_cdc_loaded_rows_total 15');
  });

  it('fault 5: a truncated Parquet object is quarantined with a report, and nothing is loaded from it', async () => {
    const good = await land(keyOf(0, 9), changes(0, 9));
    const bytes = (await store.get(good.key))!;
    const truncated = await store.put(keyOf(10, 19), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const report = await reconcileLanding(deps, {});
    expect(report.loads.map((l) => l.outcome).sort()).toEqual(['loaded', 'quarantined']);
    const quarantined = report.loads.find((l) => l.outcome === 'quarantined');
    expect(quarantined).toMatchObject({ key: truncated.key, quarantinedAs: `quarantine/${truncated.key}`, reason: expect.stringContaining('not a readable Parquet file') });
    expect(await store.head(truncated.key)).toBeUndefined();
    expect(await store.head(`quarantine/${truncated.key}`)).toMatchObject({ etag: truncated.etag });
    const written = JSON.parse((await store.get(`quarantine/${truncated.key}.report.json`))!.toString('utf8'));
    expect(written).toMatchObject({ key: truncated.key, etag: truncated.etag, size: truncated.size, reason: quarantined && 'reason' in quarantined ? quarantined.reason : '' });
    expect(await count()).toBe(10);
    expect((await warehouse.manifest('cdc/')).has(truncated.key)).toBe(false);
    // Quarantine is outside the landing prefix: the next pass has nothing to do.
    expect(await reconcileLanding(deps, {})).toMatchObject({ listed: 1, upToDate: 1, loads: [] });
  });

  it('a file that is valid Parquet but does not match its name, or has a corrupt page, is quarantined too', async () => {
    await land(keyOf(0, 9), changes(0, 8)); // last offset 8, named 9
    await land(keyOf(0, 4, 'customers'), changes(0, 4)); // accounts rows under customers
    const good = await land(keyOf(20, 29), changes(20, 29));
    const flipped = Buffer.from((await store.get(good.key))!);
    // Overwrite bytes in the middle of the data pages (the footer stays readable).
    flipped.fill(0xff, 40, Math.min(flipped.length - 400, 400));
    await store.put(keyOf(30, 39), flipped);
    await store.delete(good.key);
    const report = await reconcileLanding(deps, {});
    const reasons = Object.fromEntries(report.loads.map((l) => [l.key, l.outcome === 'quarantined' ? l.reason : l.outcome]));
    expect(reasons[keyOf(0, 9)]).toBe('offsets 0-8 in the file differ from 0-9 in its name');
    expect(reasons[keyOf(0, 4, 'customers')]).toBe('5 rows of another table than public.customers');
    expect(reasons[keyOf(30, 39)]).toMatch(/not a readable Parquet file|cannot be decoded|rows/);
    expect(await store.list('cdc/')).toEqual([]);
    await expect(query(`SELECT count(*) FROM raw.cdc_public_accounts`)).rejects.toThrow(/does not exist/);
  });

  it('ignores keys that are not landed file names (reports say why)', async () => {
    await store.put('cdc/README.txt', Buffer.from('not a landed file'));
    expect(await loadLandedObject(deps, {}, 'cdc/README.txt')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('is not cdc/<schema>.<table>/dt=') });
    expect(await loadLandedObject(deps, {}, keyOf(0, 1))).toEqual({ key: keyOf(0, 1), outcome: 'missing' });
    expect(await readFile(join(dir, 'landing', 'cdc', 'README.txt'), 'utf8')).toBe('not a landed file');
  });
});
