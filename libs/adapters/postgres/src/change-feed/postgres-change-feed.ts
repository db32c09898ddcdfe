import { z } from 'zod';
import {
  rawRowSchema,
  type ChangeCursor,
  type ChangeFeed,
  type ChangePage,
  type DeletedKey,
  type RawRow,
  type ReadChangesRequest,
  type SyncTableSpec,
} from '@ledgerline/warehouse-sync';
import type { SqlClient } from '../client/sql-client.ts';
import { changePageSql, HORIZON_SQL } from './change-feed-sql.ts';

const xidText = z.string().regex(/^\d+$/, 'expected a transaction id');
const horizonRowSchema = z.object({ horizon: xidText });
// Only the bookkeeping columns are typed here; data columns are checked by rawRowSchema.
const changeRowSchema = z.looseObject({ _op: z.enum(['U', 'D']), _xid: xidText, _seq: z.union([xidText, z.number().int()]) });

/** The table spec compiled once: its SQL and row schema. */
interface PreparedTable {
  readonly firstPage: string;
  readonly nextPage: string;
  readonly rowSchema: z.ZodType<RawRow>;
}

/**
 * ChangeFeed over the operational Postgres (or PGlite behind its socket) through the store's
 * SqlClient. The horizon is read in a REPEATABLE READ READ ONLY transaction; each page is one
 * statement, so rows and tombstones come from one snapshot (docs/sync-watermark.md).
 */
export class PostgresChangeFeed implements ChangeFeed {
  private readonly prepared = new Map<string, PreparedTable>();

  constructor(private readonly sql: SqlClient) {}

  async horizon(): Promise<bigint> {
    const rows = await this.sql.transaction(async (tx) => (await tx.query(HORIZON_SQL)).rows, {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
    return BigInt(horizonRowSchema.parse(rows[0]).horizon);
  }

  async readChanges(request: ReadChangesRequest): Promise<ChangePage> {
    const { table, fromXid, toXid, after, limit } = request;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    if (toXid <= fromXid) return { rows: [], deletes: [] };
    const prepared = this.prepare(table);
    const params: unknown[] = [fromXid.toString(), toXid.toString(), table.name];
    if (after) params.push(after.xid.toString(), after.seq.toString());
    params.push(limit);
    const result = await this.sql.query(after ? prepared.nextPage : prepared.firstPage, params);

    const rows: RawRow[] = [];
    const deletes: DeletedKey[] = [];
    let last: ChangeCursor | undefined;
    for (const raw of result.rows) {
      const { _op, _xid, _seq } = changeRowSchema.parse(raw);
      const seq = BigInt(_seq);
      last = { xid: BigInt(_xid), seq };
      if (_op === 'D') {
        const key = (raw as Record<string, unknown>)[table.key];
        if (typeof key !== 'string' || key === '') throw new Error(`${table.name}: tombstone ${seq} has no key`);
        deletes.push({ key, _change_seq: seq });
      } else {
        rows.push(this.toRawRow(table, prepared, raw as Record<string, unknown>, seq));
      }
    }
    return { rows, deletes, ...(result.rows.length === limit && last ? { nextCursor: last } : {}) };
  }

  private toRawRow(table: SyncTableSpec, prepared: PreparedTable, raw: Record<string, unknown>, seq: bigint): RawRow {
    const candidate: Record<string, unknown> = { _change_seq: seq };
    for (const column of table.columns) {
      const value = raw[column.name];
      candidate[column.name] = column.type === 'bigint' && typeof value === 'string' ? BigInt(value) : value;
    }
    const parsed = prepared.rowSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${table.name} row ${String(raw[table.key])} (change ${seq}) is not valid RAW data: ` +
          `${issue?.path.join('.') ?? '?'}: ${issue?.message ?? parsed.error.message}`,
      );
    }
    return parsed.data;
  }

  private prepare(table: SyncTableSpec): PreparedTable {
    let prepared = this.prepared.get(table.name);
    if (!prepared) {
      prepared = { firstPage: changePageSql(table, false), nextPage: changePageSql(table, true), rowSchema: rawRowSchema(table) };
      this.prepared.set(table.name, prepared);
    }
    return prepared;
  }
}
