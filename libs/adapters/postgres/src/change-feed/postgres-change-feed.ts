import { z } from 'zod';
import {
  compileRawRowValidator,
  type ChangeCursor,
  type ChangeFeed,
  type ChangePage,
  type ChangeSnapshot,
  type DeletedKey,
  type RawRow,
  type ReadChangesRequest,
  type SyncTableSpec,
  type WindowExporter,
} from '@ledgerline/warehouse-sync';
import type { SqlClient } from '../client/sql-client.ts';
import { changePageSql, HORIZON_SQL } from './change-feed-sql.ts';
import { WINDOW_EXPORT_SETTINGS, windowExportSql } from './window-export-sql.ts';

const XID_TEXT = /^\d+$/;
const horizonRowSchema = z.object({ horizon: z.string().regex(XID_TEXT, 'expected a transaction id') });

/** The table spec compiled once: its SQL and row validator. */
interface PreparedTable {
  readonly firstPage: string;
  readonly nextPage: string;
  readonly validate: ReturnType<typeof compileRawRowValidator>;
}

/**
 * ChangeFeed over the operational Postgres (or PGlite behind its socket) through the store's
 * SqlClient. The horizon is one statement; each page is one statement, so rows and tombstones
 * come from one snapshot (docs/sync-watermark.md). `snapshot()` puts the horizon and all of a
 * sync's reads into one REPEATABLE READ transaction; its window exports run on other connections
 * that import the transaction's snapshot.
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly prepared = new Map<string, PreparedTable>();
  /** A whole window as one COPY stream, where the SqlClient can stream COPY (PostgreSQL, not PGlite). */
  readonly exporter?: WindowExporter;

  constructor(private readonly sql: SqlClient) {
    if (sql.copyOut) this.exporter = windowExporter(sql.copyOut);
  }

  /** One statement, so one snapshot whatever the isolation level. */
  async horizon(): Promise<bigint> {
    return readHorizon(this.sql);
  }

  readChanges(request: ReadChangesRequest): Promise<ChangePage> {
    return this.readPage(this.sql, request);
  }

  /**
   * READ ONLY and without a transaction id, the snapshot holds back no other sync's horizon, and
   * writers go on (MVCC). Not on PGlite: there a transaction would hold the process's one
   * connection for the whole sync, reads and warehouse loads, and every other statement (sink,
   * pg-boss, run history) waits; under load past the pool's 30 s connection timeout. So on PGlite
   * each read stays a statement of its own, and a caller that needs one state of the store
   * quiesces its writers around the sync (the main job's QuiesceGate).
   */
  snapshot<T>(work: (snapshot: ChangeSnapshot) => Promise<T>): Promise<T> {
    if (this.sql.backend === 'pglite') return this.statementSnapshots(work);
    return this.sql.transaction(
      async (tx) => {
        // The first statement takes the transaction's snapshot: the horizon is its xmin.
        const horizon = await readHorizon(tx);
        return work({
          horizon,
          readChanges: (request) => this.readPage(tx, request),
          ...(tx.copyOut ? { exporter: windowExporter(tx.copyOut) } : {}),
        });
      },
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
  }

  private async statementSnapshots<T>(work: (snapshot: ChangeSnapshot) => Promise<T>): Promise<T> {
    return work({ horizon: await this.horizon(), readChanges: (request) => this.readChanges(request) });
  }

  private async readPage(sql: SqlClient, request: ReadChangesRequest): Promise<ChangePage> {
    const { table, fromXid, toXid, after, limit } = request;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    if (toXid <= fromXid) return { rows: [], deletes: [] };
    const prepared = this.prepare(table);
    const params: unknown[] = [fromXid.toString(), toXid.toString(), table.name];
    if (after) params.push(after.xid.toString(), after.seq.toString());
    params.push(limit);
    const result = await sql.query(after ? prepared.nextPage : prepared.firstPage, params);

    const rows: RawRow[] = [];
    const deletes: DeletedKey[] = [];
    let last: ChangeCursor | undefined;
    for (const raw of result.rows as Array<Record<string, unknown>>) {
      const { _op: op, _xid: xid, _seq: seqText } = raw;
      if ((op !== 'U' && op !== 'D') || !isIntegerText(xid) || !isIntegerText(seqText)) {
        throw new Error(`${table.name}: unexpected change-feed row bookkeeping ${JSON.stringify({ op, xid, seq: seqText })}`);
      }
      const seq = BigInt(seqText);
      last = { xid: BigInt(xid), seq };
      if (op === 'D') {
        const key = raw[table.key];
        if (typeof key !== 'string' || key === '') throw new Error(`${table.name}: tombstone ${seq} has no key`);
        deletes.push({ key, _change_seq: seq });
      } else {
        rows.push(this.toRawRow(table, prepared, raw, seq));
      }
    }
    return { rows, deletes, ...(result.rows.length === limit && last ? { nextCursor: last } : {}) };
  }

  private toRawRow(table: SyncTableSpec, prepared: PreparedTable, raw: Record<string, unknown>, seq: bigint): RawRow {
    for (const column of table.columns) {
      // bigint leaves Postgres as text (it does not fit a JS number); everything else is final.
      const value = raw[column.name];
      if (column.type === 'bigint' && typeof value === 'string' && /^-?\d+$/.test(value)) raw[column.name] = BigInt(value);
    }
    try {
      return prepared.validate(raw, seq);
    } catch (error) {
      throw new Error(`${table.name} row ${String(raw[table.key])} (change ${seq}) is not valid RAW data: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private prepare(table: SyncTableSpec): PreparedTable {
    let prepared = this.prepared.get(table.name);
    if (!prepared) {
      prepared = { firstPage: changePageSql(table, false), nextPage: changePageSql(table, true), validate: compileRawRowValidator(table) };
      this.prepared.set(table.name, prepared);
    }
    return prepared;
  }
}

async function readHorizon(sql: SqlClient): Promise<bigint> {
  const { rows } = await sql.query(HORIZON_SQL);
  return BigInt(horizonRowSchema.parse(rows[0]).horizon);
}

function windowExporter(copyOut: NonNullable<SqlClient['copyOut']>): WindowExporter {
  return {
    exportWindow: ({ table, fromXid, toXid }) => {
      if (toXid <= fromXid) throw new RangeError(`${table.name}: empty window [${fromXid}, ${toXid})`);
      return Promise.resolve({ table, chunks: copyOut(windowExportSql(table, fromXid, toXid), { settings: WINDOW_EXPORT_SETTINGS }) });
    },
  };
}

// int8 and xid8 arrive as decimal text from the driver (and int8 as a number on some paths).
function isIntegerText(value: unknown): value is string | number {
  return (typeof value === 'string' && XID_TEXT.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value));
}
