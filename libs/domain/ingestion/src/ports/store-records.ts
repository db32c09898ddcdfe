import { z } from 'zod';

const isoTimestamp = z.iso.datetime({ offset: true });

/**
 * One row of the `ingested_files` manifest: a statement file loaded by the batch use case, keyed by
 * the sha256 of its bytes so that the same file arriving again is recognised and skipped.
 */
export const ingestedFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex sha256'),
  file_name: z.string().min(1).max(500),
  format: z.string().regex(/^[a-z0-9_-]{1,20}$/, 'expected a short lowercase format name such as csv or pdf'),
  rows: z.number().int().min(0),
  ingested_at: isoTimestamp,
});
export type IngestedFile = z.infer<typeof ingestedFileSchema>;

/**
 * A consumer position, stored next to the rows it covers. `offset` follows Kafka's convention: the
 * next offset to read (last processed + 1). A decimal string, because Kafka offsets are int64.
 */
const int64Text = z.string().regex(/^\d{1,19}$/, 'expected a non-negative int64 as a decimal string');
export const streamOffsetSchema = z.object({
  partition: z.number().int().min(0),
  offset: int64Text,
  /**
   * Only on a loaded position, and only after a rewind: the furthest position the group ever
   * stored for the partition (greater than `offset`). Events below it were applied before, so
   * reading them again is a redelivery (the sink marks the dead letters it sends again).
   */
  applied_until: int64Text.optional(),
});
export type StreamOffset = z.infer<typeof streamOffsetSchema>;

/** Bookkeeping the store keeps per transaction; the warehouse sync and tests read it. */
export interface TransactionChangeInfo {
  tx_id: string;
  /** When the row was first stored (ISO-8601). Replays and updates keep it. */
  ingested_at: string;
  /** When the row's current payload was stored (ISO-8601). Unchanged replays keep it. */
  updated_at: string;
  /** The change sequence value of the last real change; unchanged replays keep it. */
  change_seq: bigint;
}
