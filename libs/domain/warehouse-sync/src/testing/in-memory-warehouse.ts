import type { DeletedKey, RawRow, SyncValue } from '../tables/raw-row.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import { WarehouseLockedError, WatermarkConflictError } from '../sync-once/sync-errors.ts';
import type { SyncWatermark, Warehouse, WarehouseBatch, WarehouseHooks } from '../sync-once/warehouse.port.ts';

/** A stored warehouse row: data columns plus the RAW contract's sync columns. */
export type WarehouseRow = Record<string, SyncValue> & { _change_seq: bigint; _deleted: boolean; _synced_at: string };

/** The state several InMemoryWarehouse handles share, like a database file or account. */
export class InMemoryWarehouseStore {
  readonly tables = new Map<string, Map<string, WarehouseRow>>();
  readonly watermarks = new Map<string, SyncWatermark>();
  readonly locks = new Map<string, string>();
  private handles = 0;
  nextHandleId(): number {
    this.handles += 1;
    return this.handles;
  }
}

/**
 * The reference Warehouse: the port's semantics with no I/O. Unit tests of the sync use it,
 * and the contract suite runs against it to prove the suite itself.
 */
export class InMemoryWarehouse implements Warehouse {
  private readonly id: number;
  constructor(
    readonly store: InMemoryWarehouseStore = new InMemoryWarehouseStore(),
    private readonly hooks: WarehouseHooks = {},
  ) {
    this.id = store.nextHandleId();
  }

  async ensureSchema(tables: readonly SyncTableSpec[]): Promise<void> {
    for (const spec of tables) {
      const rows = this.store.tables.get(spec.name);
      if (!rows) {
        this.store.tables.set(spec.name, new Map());
        continue;
      }
      // Columns added to a spec later appear as NULL in the rows already loaded.
      for (const row of rows.values()) for (const c of spec.columns) if (!(c.name in row)) row[c.name] = null;
    }
  }

  async applyBatch(batch: WarehouseBatch): Promise<void> {
    const { table, watermark } = batch;
    const current = this.store.tables.get(table.name);
    if (!current) throw new Error(`table ${table.name} does not exist; call ensureSchema first`);
    const stored = this.store.watermarks.get(table.name)?.horizon ?? 0n;
    if (stored !== watermark.fromXid) {
      throw new WatermarkConflictError(table.name, `stored horizon ${stored} differs from the batch's fromXid ${watermark.fromXid}`);
    }
    // Work on a copy so that a failure leaves nothing behind, like a rolled-back transaction.
    const next = new Map(current);
    const now = new Date().toISOString();
    for (const row of batch.upserts) mergeRow(next, table, row, now);
    for (const tombstone of batch.deletes) mergeTombstone(next, table, tombstone, now);
    await this.hooks.beforeWatermark?.(table.name);
    const previous = this.store.watermarks.get(table.name);
    const seqs = [...batch.upserts.map((r) => r._change_seq), ...batch.deletes.map((d) => d._change_seq)];
    const maxSeq = seqs.reduce<bigint | null>((m, s) => (m === null || s > m ? s : m), previous?.maxChangeSeq ?? null);
    this.store.tables.set(table.name, next);
    this.store.watermarks.set(table.name, {
      table: table.name,
      horizon: watermark.done ? watermark.toXid : watermark.fromXid,
      maxChangeSeq: maxSeq,
      updatedAt: now,
    });
  }

  async readWatermark(table: string): Promise<SyncWatermark | null> {
    return this.store.watermarks.get(table) ?? null;
  }

  async fullRefresh(table: string): Promise<void> {
    this.store.tables.set(table, new Map());
    this.store.watermarks.delete(table);
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const holder = this.store.locks.get(name);
    if (holder !== undefined) throw new WarehouseLockedError(name, holder);
    this.store.locks.set(name, `in-memory handle ${this.id}`);
    try {
      return await fn();
    } finally {
      this.store.locks.delete(name);
    }
  }

  async close(): Promise<void> {}

  /** Every stored row of a table, tombstones included. */
  rows(table: string): WarehouseRow[] {
    return [...(this.store.tables.get(table)?.values() ?? [])];
  }
}

function mergeRow(rows: Map<string, WarehouseRow>, spec: SyncTableSpec, row: RawRow, now: string): void {
  const key = String(row[spec.key]);
  const stored: WarehouseRow = { _change_seq: row._change_seq, _deleted: false, _synced_at: now };
  for (const column of spec.columns) stored[column.name] = row[column.name] ?? null;
  rows.set(key, stored);
}

function mergeTombstone(rows: Map<string, WarehouseRow>, spec: SyncTableSpec, tombstone: DeletedKey, now: string): void {
  const existing = rows.get(tombstone.key);
  const stored: WarehouseRow = existing
    ? { ...existing }
    : { ...Object.fromEntries(spec.columns.map((c) => [c.name, null])), _change_seq: 0n, _deleted: true, _synced_at: now };
  stored[spec.key] = tombstone.key;
  stored._change_seq = tombstone._change_seq;
  stored._deleted = true;
  stored._synced_at = now;
  rows.set(tombstone.key, stored);
}
