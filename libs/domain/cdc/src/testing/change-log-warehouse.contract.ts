import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { landingFileKey, type LandingRow } from '../landing/landing-file.ts';
import { parseLandedObjectKey, type LandedObjectName } from '../load/landed-object-key.ts';
import type { ChangeLogWarehouse, ObjectToLoad } from '../ports/change-log-warehouse.port.ts';

/** One RAW change-log row as the contract reads it back (the RAW column names, lower case). */
export interface ChangeLogRowRead {
  kafka_partition: number;
  kafka_offset: number;
  op: string;
  key_json: string | null;
  after_json: string | null;
  _object_key: string;
}

/** A row of the change-log table as a warehouse's driver returns it (lower-case names), made comparable: numbers and text. */
export function changeLogRowRead(row: Readonly<Record<string, unknown>>): ChangeLogRowRead {
  return {
    kafka_partition: Number(row.kafka_partition),
    kafka_offset: Number(row.kafka_offset),
    op: String(row.op),
    key_json: row.key_json === null ? null : String(row.key_json),
    after_json: row.after_json === null ? null : String(row.after_json),
    _object_key: String(row._object_key),
  };
}

export interface ChangeLogWarehouseUnderTest {
  /** A fresh handle on the same warehouse (a restart); `beforeCommit` runs inside each load transaction before COMMIT. */
  open(hooks?: { beforeCommit?: (key: string) => Promise<void> }): Promise<ChangeLogWarehouse>;
  /** The bytes of a landed Parquet file holding these rows (LANDING_COLUMNS, as the landing writer writes them). */
  landedFile(rows: readonly LandingRow[]): Promise<Uint8Array>;
  /** Every row of `raw.<table>` in (partition, offset) order; [] when the table does not exist yet. */
  readChangeLog(table: string): Promise<ChangeLogRowRead[]>;
  dispose(): Promise<void>;
}

const PREFIX = 'cdc';

function nameOf(table: string, first: number, last: number): LandedObjectName {
  const key = landingFileKey({ prefix: PREFIX, schema: 'public', table, dt: '2026-12-06', partition: 0, firstOffset: BigInt(first), lastOffset: BigInt(last) });
  const parsed = parseLandedObjectKey(key, PREFIX);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.name;
}

function rowsOf(table: string, first: number, last: number, balance = '10.00'): LandingRow[] {
  const rows: LandingRow[] = [];
  for (let offset = first; offset <= last; offset += 1) {
    const id = `${table}-${offset % 3}`;
    rows.push({
      topic: `ledgerline.public.${table}`,
      partition: 0,
      offset: BigInt(offset),
      op: offset === first ? 'c' : 'u',
      key_json: JSON.stringify({ id }),
      before_json: null,
      after_json: JSON.stringify({ id, balance }),
      source_schema: 'public',
      source_table: table,
      lsn: 1_000 + offset,
      tx_id: 700,
      source_ts_ms: 1_765_000_000_000 + offset,
      ts_ms: 1_765_000_000_005 + offset,
      snapshot: 'false',
    });
  }
  return rows;
}

/**
 * What every ChangeLogWarehouse guarantees (change-log-warehouse.port.ts), run by each adapter
 * against its real backend: a file loads all or nothing, the same key+etag loads nothing again
 * (also from a new handle: the manifest is in the warehouse), a rewritten object replaces its
 * rows, a failure before COMMIT leaves nothing behind, and a body the warehouse cannot read is
 * refused without a manifest row.
 */
export function describeChangeLogWarehouseContract(name: string, setup: () => Promise<ChangeLogWarehouseUnderTest>): void {
  describe(`ChangeLogWarehouse contract: ${name}`, () => {
    let subject: ChangeLogWarehouseUnderTest;
    const open: ChangeLogWarehouse[] = [];
    const handle = async (hooks?: { beforeCommit?: (key: string) => Promise<void> }) => {
      const warehouse = await subject.open(hooks);
      open.push(warehouse);
      return warehouse;
    };
    const file = async (table: string, first: number, last: number, etag: string, balance?: string) => {
      const body = await subject.landedFile(rowsOf(table, first, last, balance));
      const object: ObjectToLoad = { name: nameOf(table, first, last), etag, size: body.length };
      return { object, body };
    };

    beforeEach(async () => {
      subject = await setup();
    });
    afterEach(async () => {
      for (const warehouse of open.splice(0)) await warehouse.close();
      await subject.dispose();
    });

    it('loads a file into cdc_<schema>_<table> in offset order with its manifest row; the same key+etag again, from a new handle too, loads nothing', async () => {
      const warehouse = await handle();
      const { object, body } = await file('accounts', 0, 9, '"etag-1"');
      expect(await warehouse.loadObject(object, body)).toEqual({ outcome: 'loaded', rows: 10, replacedRows: 0 });
      expect(await warehouse.loadObject(object, body)).toMatchObject({ outcome: 'already-loaded', entry: { key: object.name.key, etag: '"etag-1"', rows: 10 } });
      const restarted = await handle();
      expect(await restarted.loadObject(object, body)).toMatchObject({ outcome: 'already-loaded', entry: { rows: 10 } });

      const rows = await subject.readChangeLog('cdc_public_accounts');
      expect(rows.map((r) => r.kafka_offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(rows[0]).toEqual({
        kafka_partition: 0,
        kafka_offset: 0,
        op: 'c',
        key_json: '{"id":"accounts-0"}',
        after_json: '{"id":"accounts-0","balance":"10.00"}',
        _object_key: object.name.key,
      });
      const manifest = await restarted.manifest(`${PREFIX}/`);
      expect([...manifest.values()]).toEqual([
        { key: object.name.key, etag: '"etag-1"', rows: 10, table: 'cdc_public_accounts', loadedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/) },
      ]);
      expect(Math.abs(Date.parse(manifest.get(object.name.key)!.loadedAt) - Date.now())).toBeLessThan(10 * 60_000);
    });

    it('a rewritten object (same key, new etag) replaces the rows that key loaded instead of adding to them', async () => {
      const warehouse = await handle();
      const first = await file('accounts', 0, 9, '"etag-1"', '10.00');
      await warehouse.loadObject(first.object, first.body);
      const rewritten = await file('accounts', 0, 9, '"etag-2"', '99.00');
      expect(await warehouse.loadObject(rewritten.object, rewritten.body)).toEqual({ outcome: 'loaded', rows: 10, replacedRows: 10 });
      const rows = await subject.readChangeLog('cdc_public_accounts');
      expect(rows).toHaveLength(10);
      expect(new Set(rows.map((r) => JSON.parse(r.after_json ?? '{}').balance))).toEqual(new Set(['99.00']));
      expect((await warehouse.manifest(PREFIX)).get(first.object.name.key)).toMatchObject({ etag: '"etag-2"', rows: 10 });
    });

    it('keeps tables apart and lists the manifest by key prefix', async () => {
      const warehouse = await handle();
      for (const [table, first, last] of [['accounts', 0, 4], ['accounts', 5, 9], ['customers', 0, 2]] as const) {
        const { object, body } = await file(table, first, last, `"${table}-${first}"`);
        await warehouse.loadObject(object, body);
      }
      expect(await subject.readChangeLog('cdc_public_accounts')).toHaveLength(10);
      expect(await subject.readChangeLog('cdc_public_customers')).toHaveLength(3);
      const accounts = await warehouse.manifest(`${PREFIX}/public.accounts/`);
      expect([...accounts.keys()]).toEqual([nameOf('accounts', 0, 4).key, nameOf('accounts', 5, 9).key]);
      expect([...(await warehouse.manifest(PREFIX)).values()].map((e) => [e.table, e.rows])).toEqual([
        ['cdc_public_accounts', 5],
        ['cdc_public_accounts', 5],
        ['cdc_public_customers', 3],
      ]);
      expect((await warehouse.manifest('elsewhere/')).size).toBe(0);
    });

    it('a failure inside the load transaction leaves neither rows nor a manifest row; the retry loads the file once', async () => {
      let fail = true;
      const warehouse = await handle({
        beforeCommit: async () => {
          if (fail) throw new Error('crash before COMMIT');
        },
      });
      const earlier = await file('accounts', 0, 4, '"a"');
      fail = false;
      await warehouse.loadObject(earlier.object, earlier.body);
      fail = true;
      const { object, body } = await file('accounts', 5, 9, '"b"');
      await expect(warehouse.loadObject(object, body)).rejects.toThrow('crash before COMMIT');
      expect((await subject.readChangeLog('cdc_public_accounts')).map((r) => r._object_key)).toEqual(Array(5).fill(earlier.object.name.key));
      expect([...(await warehouse.manifest(PREFIX)).keys()]).toEqual([earlier.object.name.key]);
      fail = false;
      expect(await warehouse.loadObject(object, body)).toEqual({ outcome: 'loaded', rows: 5, replacedRows: 0 });
      expect(await subject.readChangeLog('cdc_public_accounts')).toHaveLength(10);
    });

    it('refuses a body it cannot read as the landed Parquet file (truncated), loading nothing and writing no manifest row', async () => {
      const warehouse = await handle();
      const good = await file('accounts', 0, 9, '"good"');
      await warehouse.loadObject(good.object, good.body);
      const truncated = await file('accounts', 10, 19, '"cut"');
      const cut = truncated.body.subarray(0, Math.floor(truncated.body.length / 2));
      await expect(warehouse.loadObject({ ...truncated.object, size: cut.length }, cut)).rejects.toThrow();
      expect(await subject.readChangeLog('cdc_public_accounts')).toHaveLength(10);
      expect([...(await warehouse.manifest(PREFIX)).keys()]).toEqual([good.object.name.key]);
      // The handle is still usable afterwards.
      const next = await file('accounts', 20, 24, '"next"');
      expect(await warehouse.loadObject(next.object, next.body)).toMatchObject({ outcome: 'loaded', rows: 5 });
    });

  });
}
