import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncTableSpec, WindowExport } from '@ledgerline/warehouse-sync';
import { DuckDbWarehouse } from './duckdb-warehouse.ts';
import { readRawRows } from './read-raw-rows.ts';
import { withWindowRelation } from './window-pipe.ts';

// The bulk path's DuckDB side (issue #23): a window export streamed through a named pipe into
// read_csv with the RAW types, in one transaction with the watermark. Chunks are what
// PostgreSQL's COPY writes (ISO timestamps in UTC, decimals, t/f).
const spec: SyncTableSpec = {
  name: 'payments',
  key: 'id',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'money' },
    { name: 'paid_at', type: 'timestamp' },
    { name: 'note', type: 'string' },
  ],
};
const encode = (text: string) => new TextEncoder().encode(text);
const line = (i: number) => `p${i},${(i % 1000) + 0.01},2026-01-01 00:00:${String(i % 60).padStart(2, '0')}.123456+00,note ${i},${i + 1},f\n`;

async function* chunks(lines: readonly string[], failAfter?: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < lines.length; i++) {
    if (i === failAfter) throw new Error('COPY connection lost');
    yield encode(lines[i] ?? '');
  }
}
const exportOf = (source: AsyncIterable<Uint8Array>): WindowExport => ({ table: spec, chunks: source });
const window = { fromXid: 0n, toXid: 100n, done: true } as const;

describe('DuckDbWarehouse window loader', () => {
  let dir: string;
  let warehouse: DuckDbWarehouse;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wh-window-'));
    warehouse = new DuckDbWarehouse({ path: join(dir, 'warehouse.duckdb') });
    await warehouse.ensureSchema([spec]);
  });
  afterEach(async () => {
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the stream with the RAW types: microsecond UTC timestamps, exact money, "" vs NULL, quoted newlines, tombstones', async () => {
    const text = [
      'p1,12.30,2026-01-01 00:00:37.5+00,"say ""hi"", then\nleave",7,f\n',
      'p2,0.10,2026-02-03 04:05:06+00,"",8,f\n',
      'p3,,,,9,f\n',
      'p4,,,,10,t\n',
    ];
    const result = await warehouse.windowLoader.loadWindow(exportOf(chunks(text)), window);
    expect(result).toEqual({ upserted: 3, deleted: 1 });
    const rows = await readRawRows(warehouse.path, spec);
    expect(rows.map((r) => [r.id, r.amount, r.paid_at, r.note, r._change_seq, r._deleted])).toEqual([
      ['p1', '12.30', '2026-01-01T00:00:37.500000Z', 'say "hi", then\nleave', 7n, false],
      ['p2', '0.10', '2026-02-03T04:05:06.000000Z', '', 8n, false],
      ['p3', null, null, null, 9n, false],
      ['p4', null, null, null, 10n, true],
    ]);
    expect((await warehouse.readWatermark('payments'))?.horizon).toBe(100n);
  });

  it('commits nothing when the export breaks off midway, although DuckDB saw a clean end of file', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => line(i));
    const error = await warehouse.windowLoader.loadWindow(exportOf(chunks(lines, 15_000)), window).catch((e: unknown) => e);
    expect((error as Error).message).toBe('COPY connection lost');
    expect(await warehouse.readWatermark('payments')).toBeNull();
    expect(await readRawRows(warehouse.path, spec)).toEqual([]);
  });

  it('refuses a value that does not fit the RAW type, stops the export and commits nothing', async () => {
    let produced = 0;
    let stopped = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        yield encode('p0,not-a-decimal,2026-01-01 00:00:00+00,x,1,f\n');
        for (;;) yield encode(line(++produced));
      } finally {
        stopped = true;
      }
    }
    const error = await warehouse.windowLoader.loadWindow(exportOf(endless()), window).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/not-a-decimal/);
    expect(stopped).toBe(true);
    expect(await warehouse.readWatermark('payments')).toBeNull();
    expect(await readRawRows(warehouse.path, spec)).toEqual([]);
  });

  it('does not hang when the load fails before DuckDB opened the pipe', async () => {
    let stopped = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < 100_000; i++) yield encode(line(i));
      } finally {
        stopped = true;
      }
    }
    const error = await withWindowRelation(exportOf(source()), () => Promise.reject(new Error('binder error'))).catch((e: unknown) => e);
    expect((error as Error).message).toBe('binder error');
    expect(stopped).toBe(true);
  });
});
