import { ingestedFileSchema, type IngestedFile, type StreamOffset, type TransactionChangeInfo } from '@ledgerline/ingestion';
import { TRANSACTION_ROW_COLUMNS, transactionSchema, type Transaction } from '@ledgerline/transactions';
import type { IngestedFileRow, StreamOffsetRow, TransactionRow } from '../schema/entities/index.ts';

/**
 * Table rows -> port types. Timestamps leave as ISO-8601 UTC strings, money as the numeric's
 * two-decimal text; the domain schema checks the result, so a row that no longer fits the model
 * (say, after a manual edit) fails here, by name, instead of deep inside a use case.
 */
export function toTransaction(row: TransactionRow): Transaction {
  // Field by field from the schema's own column list (rowColumnsOf), so a new field needs no edit here.
  const fields: Record<string, unknown> = {};
  for (const { name, kind } of TRANSACTION_ROW_COLUMNS) {
    const value = row[name];
    fields[name] = kind === 'timestamp' && value instanceof Date ? value.toISOString() : value;
  }
  return transactionSchema.parse(fields);
}

export function toChangeInfo(row: Pick<TransactionRow, 'tx_id' | 'ingested_at' | 'updated_at' | 'change_seq'>): TransactionChangeInfo {
  return {
    tx_id: row.tx_id,
    ingested_at: row.ingested_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    change_seq: BigInt(row.change_seq),
  };
}

export function toIngestedFile(row: IngestedFileRow): IngestedFile {
  return ingestedFileSchema.parse({ ...row, ingested_at: row.ingested_at.toISOString() });
}

export function toStreamOffset(row: Pick<StreamOffsetRow, 'partition' | 'next_offset' | 'furthest_offset'>): StreamOffset {
  const offset = String(row.next_offset);
  const furthest = row.furthest_offset === null ? undefined : String(row.furthest_offset);
  // Only a rewind leaves the furthest position ahead of the current one.
  return furthest !== undefined && BigInt(furthest) > BigInt(offset) ? { partition: row.partition, offset, applied_until: furthest } : { partition: row.partition, offset };
}
