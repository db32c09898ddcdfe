import { createHash } from 'node:crypto';

/**
 * The run id of one backfill day, the same every time (a name-based UUID, RFC 9562 version 5
 * layout): pg-boss inserts with ON CONFLICT DO NOTHING, so a second backfill of the same day finds
 * the id taken and creates nothing — idempotent without a lookup table of our own.
 */
export function backfillRunId(flow: string, day: string): string {
  const bytes = createHash('sha1').update(`ledgerline-flow-backfill:${flow}:${day}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
