import type { ChangeSource, ChangeSourceStatus, Lsn, OpenedSource, RowChange, StreamHandler } from '@ledgerline/cdc';
import type { Logger } from '@ledgerline/logging';
import { toRowImage } from '../pgoutput/column-values.ts';
import type { SqlClient } from '../client/sql-client.ts';
import { decodeLogEntry, type LogEntryRow } from './decode-log-entry.ts';
import { readCapturedTable, type CapturedTable } from './trigger-log-catalog.ts';
import { createLogTableSql, dropTriggersSql, installTriggersSql, logTableName } from './trigger-log-ddl.ts';
import type { TriggerLogSourceSettings } from './trigger-log-options.ts';

/** Dead rows the acknowledgements leave before the log is vacuumed (PGlite has no autovacuum). */
const VACUUM_AFTER_DELETED_ROWS = 20_000;

/**
 * ChangeSource on the trigger change log: for databases without logical replication (PGlite, the
 * embedded default) or without a replication role. Triggers on each captured table append every
 * insert, update, delete and truncate, with old and new row images, to `<name>_log`; the stream
 * delivers entries as their transactions commit and the acknowledgement deletes what is durable
 * downstream. Same RowChanges, so the same envelopes, as the pgoutput source (tested side by side).
 *
 * Order and positions (docs/cdc.md "Embedded source"): each read is a *generation* bounded by a
 * snapshot S: the entries visible in S and not in the previous generation's snapshot, in `seq`
 * order. A later change of a row is visible only after the earlier one's transaction committed,
 * so per key the order is commit order and no entry is skipped, whatever order transactions
 * commit in. The position after a generation is acknowledgeable; acknowledging it deletes the
 * entries visible in its snapshot (all delivered before it). A crash replays every entry not
 * deleted yet: at-least-once, like a slot's confirmed LSN.
 *
 * Positions are numbers of this run's generations (not WAL bytes); `source.lsn` of an event is
 * its entry's `seq`.
 */
export class TriggerLogChangeSource implements ChangeSource {
  readonly kind = 'trigger-log';
  private readonly log: string;
  private readonly stateKey: string;
  private readonly tables = new Map<string, CapturedTable>();
  /** Entries visible in this snapshot were delivered (or are in the snapshot read): stream after it. */
  private streamAfter: string | null = null;
  private snapshotStart: string | null = null;
  private readonly generations = new Map<Lsn, string>();
  private lastGeneration: Lsn = 0n;
  private confirmed: Lsn | null = null;
  private deletedSinceVacuum = 0;

  constructor(
    private readonly settings: TriggerLogSourceSettings,
    private readonly sql: SqlClient,
    private readonly logger: Logger,
  ) {
    this.log = logTableName(settings.name);
    this.stateKey = `trigger-log:${settings.name}`;
  }

  async open(): Promise<OpenedSource> {
    const existed = await this.logExists();
    await this.sql.query(`CREATE TABLE IF NOT EXISTS ${this.settings.stateTable} (slot_name text PRIMARY KEY, snapshot_done_at timestamptz NOT NULL)`);
    // One transaction: the log and every table's triggers appear together, or not at all.
    await this.sql.transaction(async (tx) => {
      await tx.query(createLogTableSql(this.settings.name));
      for (const qualified of this.settings.tables) {
        const table = await readCapturedTable(tx, qualified);
        this.tables.set(qualified, table);
        for (const statement of installTriggersSql(this.settings.name, table)) await tx.query(statement);
      }
      // A new log has seen nothing yet: whatever the record says, the tables must be read first.
      if (!existed) await tx.query(`DELETE FROM ${this.settings.stateTable} WHERE slot_name = $1`, [this.stateKey]);
    });
    const done = await this.sql.query(`SELECT 1 FROM ${this.settings.stateTable} WHERE slot_name = $1`, [this.stateKey]);
    const database = (await this.sql.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    const snapshotDue = done.rowCount === 0;
    this.logger.info(existed ? 'trigger change log exists' : 'trigger change log created', { log: this.log, tables: this.settings.tables, snapshot_due: snapshotDue });
    return { snapshotDue, database };
  }

  /**
   * Reads every table page by page (keyset on the primary key, one statement per page: no
   * transaction is held while the pages are published, which on PGlite's single connection
   * would lock out the publisher's own writes). The pages may be newer than the snapshot taken
   * first; the stream then replays the changes in between after them, and folding by key still
   * ends at each row's state (the last entry of a key is always delivered after its read).
   */
  async readSnapshot(onRows: (rows: RowChange[]) => Promise<void>): Promise<void> {
    this.snapshotStart = await this.currentSnapshot();
    const lsn = BigInt((await this.sql.query<{ seq: string }>(`SELECT coalesce(max(seq), 0)::text AS seq FROM ${this.log}`)).rows[0]!.seq);
    const tsMs = Date.now();
    for (const table of this.capturedTables()) {
      const target = `"${table.schema}"."${table.table}"`;
      const keys = table.keyColumns.map((c) => `"${c}"`);
      let after: unknown[] | null = null;
      for (;;) {
        const where: string = after && keys.length ? `WHERE (${keys.join(', ')}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})` : '';
        const order = keys.length ? `ORDER BY ${keys.join(', ')} LIMIT ${this.settings.batchRows}` : '';
        const page: { rows: Record<string, unknown>[] } = await this.sql.query<Record<string, unknown>>(`SELECT * FROM ${target} ${where} ${order}`, after ?? []);
        if (page.rows.length === 0) break;
        await onRows(
          page.rows.map((row) => ({ op: 'r', schema: table.schema, table: table.table, keyColumns: table.keyColumns, before: null, after: toRowImage(row), lsn, txId: null, sourceTsMs: tsMs, snapshot: true })),
        );
        const last: Record<string, unknown> = page.rows.at(-1)!;
        if (!keys.length || page.rows.length < this.settings.batchRows) break;
        after = table.keyColumns.map((c) => last[c]);
      }
    }
  }

  async markSnapshotDone(): Promise<void> {
    const start = this.snapshotStart;
    await this.sql.transaction(async (tx) => {
      // Entries committed before the read began are in the read: they need not be delivered.
      if (start) await tx.query(`DELETE FROM ${this.log} WHERE pg_visible_in_snapshot(txid, $1::pg_snapshot)`, [start]);
      await tx.query(
        `INSERT INTO ${this.settings.stateTable} (slot_name, snapshot_done_at) VALUES ($1, now()) ON CONFLICT (slot_name) DO UPDATE SET snapshot_done_at = now()`,
        [this.stateKey],
      );
    });
    this.streamAfter = start;
  }

  async stream(handler: StreamHandler, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const snapshot = await this.currentSnapshot();
      let delivered = 0;
      let complete = false;
      let afterSeq = '0';
      while (!complete) {
        // `ORDER BY l.seq`, qualified: a bare `seq` names the *output* column, the text `seq`, and
        // sorts '10' before '4'; the bigint cursor below then skips or repeats entries.
        const page = await this.sql.query<LogEntryRow>(
          `SELECT l.seq::text AS seq, l.txid::text AS txid, l.op, l.schema_name, l.table_name, l.before, l.after,
                  (extract(epoch FROM l.logged_at) * 1000)::bigint::text AS logged_ms
             FROM ${this.log} l
            WHERE pg_visible_in_snapshot(l.txid, $1::pg_snapshot)
              AND ($2::pg_snapshot IS NULL OR NOT pg_visible_in_snapshot(l.txid, $2::pg_snapshot))
              AND l.seq > $3::bigint
            ORDER BY l.seq
            LIMIT ${this.settings.batchRows}`,
          [snapshot, this.streamAfter, afterSeq],
        );
        for (const entry of page.rows) {
          const table = this.tables.get(`${entry.schema_name}.${entry.table_name}`);
          if (!table) throw new Error(`trigger log entry ${entry.seq} is of ${entry.schema_name}.${entry.table_name}, which this source does not capture`);
          await handler({ kind: 'change', change: decodeLogEntry(entry, table) });
        }
        delivered += page.rows.length;
        complete = page.rows.length < this.settings.batchRows;
        // Stopped between pages: the generation is incomplete, so no position may follow it.
        if (!complete && signal.aborted) return;
        afterSeq = page.rows.at(-1)?.seq ?? afterSeq;
      }
      this.streamAfter = snapshot;
      if (delivered > 0) {
        const generation = ++this.lastGeneration;
        this.generations.set(generation, snapshot);
        await handler({ kind: 'position', lsn: generation });
      } else {
        await sleep(this.settings.pollMs, signal);
      }
    }
  }

  async acknowledge(lsn: Lsn): Promise<void> {
    if (this.confirmed !== null && lsn <= this.confirmed) return;
    const snapshot = this.generations.get(lsn);
    if (!snapshot) throw new Error(`trigger log: position ${lsn} was never delivered by this run`);
    const deleted = await this.sql.query(`DELETE FROM ${this.log} WHERE pg_visible_in_snapshot(txid, $1::pg_snapshot)`, [snapshot]);
    for (const generation of this.generations.keys()) if (generation <= lsn) this.generations.delete(generation);
    this.confirmed = lsn;
    this.deletedSinceVacuum += deleted.rowCount;
    if (this.deletedSinceVacuum >= VACUUM_AFTER_DELETED_ROWS) {
      this.deletedSinceVacuum = 0;
      await this.sql.query(`VACUUM ${this.log}`).catch((error: unknown) => this.logger.warn('vacuum of the trigger log failed', { error: String(error) }));
    }
  }

  /** Nothing to do: an idle database retains nothing here (the log holds only unacknowledged changes). */
  async heartbeat(): Promise<void> {}

  async status(): Promise<ChangeSourceStatus> {
    const exists = await this.logExists();
    const done = await this.sql.query(`SELECT 1 FROM ${this.settings.stateTable} WHERE slot_name = $1`, [this.stateKey]).catch(() => ({ rowCount: 0 }));
    if (!exists) return { kind: this.kind, slot: this.log, exists, confirmedLsn: null, currentLsn: 0n, retainedBytes: 0n, lagBytes: 0n, snapshotDone: false };
    const row = (
      await this.sql.query<{ seq: string; pending: string; size: string }>(
        `SELECT coalesce(max(seq), 0)::text AS seq, coalesce(sum(pg_column_size(l.*)), 0)::text AS pending, pg_total_relation_size('${this.log}')::text AS size FROM ${this.log} l`,
      )
    ).rows[0]!;
    return {
      kind: this.kind,
      slot: this.log,
      exists,
      confirmedLsn: this.confirmed,
      currentLsn: BigInt(row.seq),
      retainedBytes: BigInt(row.size),
      lagBytes: BigInt(row.pending),
      snapshotDone: done.rowCount > 0,
    };
  }

  /** Removes the triggers, the log and the snapshot record: the next `open` starts over. */
  async dropSlot(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const qualified of this.settings.tables) {
        const [schema, table] = qualified.split('.') as [string, string];
        const exists = (await tx.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [qualified])).rows[0]?.oid;
        for (const statement of dropTriggersSql(this.settings.name, schema, table)) {
          if (exists || statement.startsWith('DROP FUNCTION')) await tx.query(statement);
        }
      }
      await tx.query(`DROP TABLE IF EXISTS ${this.log}`);
      if ((await tx.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [this.settings.stateTable])).rows[0]?.oid) {
        await tx.query(`DELETE FROM ${this.settings.stateTable} WHERE slot_name = $1`, [this.stateKey]);
      }
    });
  }

  /** The connection belongs to the store that lent it. */
  async close(): Promise<void> {}

  private capturedTables(): CapturedTable[] {
    return this.settings.tables.map((qualified) => {
      const table = this.tables.get(qualified);
      if (!table) throw new Error('trigger log: open() was not called');
      return table;
    });
  }

  private async currentSnapshot(): Promise<string> {
    return (await this.sql.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot')).rows[0]!.snapshot;
  }

  private async logExists(): Promise<boolean> {
    return (await this.sql.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [this.log])).rows[0]?.oid != null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
