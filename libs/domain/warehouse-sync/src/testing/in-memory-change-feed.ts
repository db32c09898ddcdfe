import type { DeletedKey, RawRow, SyncValue } from '../tables/raw-row.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import type { ChangeFeed, ChangePage, ChangeSnapshot, ReadChangesRequest } from '../sync-once/change-feed.port.ts';
import type { WindowExporter } from '../sync-once/window-export.port.ts';

interface Versioned {
  readonly xid: bigint;
  readonly seq: bigint;
}
type StoredRow = Versioned & { readonly values: Record<string, SyncValue> };
type StoredTombstone = Versioned & { readonly key: string };

/** One open transaction of the simulated store. */
export interface InMemoryTransaction {
  /** Assigned on the first write, as Postgres does. */
  readonly xid: bigint | undefined;
  upsert(table: SyncTableSpec, values: Record<string, SyncValue>): void;
  delete(table: SyncTableSpec, key: string): void;
  commit(): void;
  rollback(): void;
}

/**
 * A change feed over a simulated MVCC store with Postgres' rules: transaction ids are assigned
 * at the first write, change sequences at each write, and both become visible only at commit,
 * in any order. Lets unit tests of the sync replay out-of-order commits deterministically.
 */
export class InMemoryChangeFeed implements ChangeFeed {
  private nextXid = 1000n;
  private nextSeq = 1n;
  private readonly running = new Set<bigint>();
  private readonly rows = new Map<string, Map<string, StoredRow>>();
  private readonly tombstones = new Map<string, StoredTombstone[]>();

  begin(): InMemoryTransaction {
    const writes: Array<() => void> = [];
    let xid: bigint | undefined;
    let finished = false;
    const assignXid = (): bigint => {
      if (finished) throw new Error('transaction already finished');
      if (xid === undefined) {
        xid = this.nextXid++;
        this.running.add(xid);
      }
      return xid;
    };
    const finish = (): void => {
      finished = true;
      if (xid !== undefined) this.running.delete(xid);
    };
    return {
      get xid() {
        return xid;
      },
      upsert: (table, values) => {
        const txXid = assignXid();
        const seq = this.nextSeq++;
        const key = String(values[table.key]);
        writes.push(() => this.tableRows(table.name).set(key, { xid: txXid, seq, values: { ...values } }));
      },
      delete: (table, key) => {
        const txXid = assignXid();
        const seq = this.nextSeq++;
        writes.push(() => {
          if (this.tableRows(table.name).delete(key)) this.tableTombstones(table.name).push({ xid: txXid, seq, key });
        });
      },
      commit: () => {
        for (const write of writes) write();
        finish();
      },
      rollback: finish,
    };
  }

  /** Runs the writes in one transaction that commits at once. */
  write(fn: (tx: InMemoryTransaction) => void): void {
    const tx = this.begin();
    fn(tx);
    tx.commit();
  }

  /** The committed rows of a table (what Postgres would return), keyed by business key. */
  current(table: string): Map<string, Record<string, SyncValue>> {
    return new Map([...this.tableRows(table)].map(([k, v]) => [k, v.values]));
  }

  async horizon(): Promise<bigint> {
    let oldest = this.nextXid;
    for (const xid of this.running) if (xid < oldest) oldest = xid;
    return oldest;
  }

  async readChanges(request: ReadChangesRequest): Promise<ChangePage> {
    return readWindow(this.tableRows(request.table.name), this.tableTombstones(request.table.name), request);
  }

  /** Set by tests that exercise the bulk path (the in-memory store cannot export CSV itself). */
  declare readonly exporter?: WindowExporter;

  /**
   * The horizon and reads of one moment: the committed rows and tombstones are copied when the
   * snapshot opens, so commits during `work` stay invisible to it (Postgres' REPEATABLE READ).
   * Writers are not blocked, as on PostgreSQL.
   */
  async snapshot<T>(work: (snapshot: ChangeSnapshot) => Promise<T>): Promise<T> {
    const horizon = await this.horizon();
    const rows = new Map([...this.rows].map(([table, stored]) => [table, new Map(stored)]));
    const tombstones = new Map([...this.tombstones].map(([table, stored]) => [table, [...stored]]));
    const exporter = this.exporter;
    return work({
      horizon,
      readChanges: (request) => Promise.resolve(readWindow(rows.get(request.table.name) ?? new Map(), tombstones.get(request.table.name) ?? [], request)),
      ...(exporter ? { exporter } : {}),
    });
  }

  private tableRows(table: string): Map<string, StoredRow> {
    let rows = this.rows.get(table);
    if (!rows) this.rows.set(table, (rows = new Map()));
    return rows;
  }

  private tableTombstones(table: string): StoredTombstone[] {
    let list = this.tombstones.get(table);
    if (!list) this.tombstones.set(table, (list = []));
    return list;
  }
}

/** One page of a window over a table's committed rows and tombstones (Postgres' change-page rules). */
function readWindow(live: ReadonlyMap<string, StoredRow>, tombstones: readonly StoredTombstone[], request: ReadChangesRequest): ChangePage {
  const { fromXid, toXid, after, limit } = request;
  type Change = Versioned & ({ row: RawRow } | { tombstone: DeletedKey });
  const inWindow = (v: Versioned) =>
    v.xid >= fromXid && v.xid < toXid && (!after || v.xid > after.xid || (v.xid === after.xid && v.seq > after.seq));
  const changes: Change[] = [];
  for (const stored of live.values()) {
    if (inWindow(stored)) changes.push({ xid: stored.xid, seq: stored.seq, row: { ...stored.values, _change_seq: stored.seq } });
  }
  for (const stored of tombstones) {
    if (inWindow(stored) && !live.has(stored.key)) changes.push({ xid: stored.xid, seq: stored.seq, tombstone: { key: stored.key, _change_seq: stored.seq } });
  }
  changes.sort((a, b) => (a.xid === b.xid ? Number(a.seq - b.seq) : Number(a.xid - b.xid)));
  const page = changes.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.flatMap((c) => ('row' in c ? [c.row] : [])),
    deletes: page.flatMap((c) => ('tombstone' in c ? [c.tombstone] : [])),
    ...(page.length === limit && last ? { nextCursor: { xid: last.xid, seq: last.seq } } : {}),
  };
}
