import type { RowChange, RowImage } from '@ledgerline/cdc';
import pg from 'pg';
import { toColumnValue } from '../pgoutput/column-values.ts';
import type { CapturedTable } from './trigger-log-catalog.ts';

/** One row of the log table, as the reader selects it. */
export interface LogEntryRow {
  seq: string;
  txid: string;
  op: string;
  schema_name: string;
  table_name: string;
  before: Record<string, string | null> | null;
  after: Record<string, string | null> | null;
  logged_ms: string | number;
}

/**
 * A text image -> the row image pgoutput would give: each column's text output parsed by the pg
 * driver's parser for its type (pg-logical-replication decodes tuples with the same parsers),
 * then the shared JSON mapping. Columns in table order; a column the entry lacks (added after
 * the entry was logged) is the unavailable-value placeholder, never null.
 */
function decodeImage(table: CapturedTable, image: Record<string, string | null> | null): RowImage | null {
  if (!image) return null;
  const row: RowImage = {};
  for (const column of table.columns) {
    const text = image[column.name];
    row[column.name] = toColumnValue(text === undefined ? undefined : text === null ? null : pg.types.getTypeParser(column.typeOid, 'text')(text));
  }
  return row;
}

const OPS = { c: 'c', u: 'u', d: 'd', t: 't' } as const;

export function decodeLogEntry(entry: LogEntryRow, table: CapturedTable): RowChange {
  const op = OPS[entry.op as keyof typeof OPS];
  if (!op) throw new Error(`trigger log entry ${entry.seq}: unknown op ${JSON.stringify(entry.op)}`);
  const txId = Number(entry.txid);
  return {
    op,
    schema: table.schema,
    table: table.table,
    keyColumns: table.keyColumns,
    before: decodeImage(table, entry.before),
    after: decodeImage(table, entry.after),
    lsn: BigInt(entry.seq),
    txId: Number.isSafeInteger(txId) ? txId : null,
    sourceTsMs: Math.round(Number(entry.logged_ms)),
    snapshot: false,
  };
}
