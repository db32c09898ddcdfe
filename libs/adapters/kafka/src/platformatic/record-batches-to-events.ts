import type { RecordsBatch } from '@platformatic/kafka';
import type { ConsumedEvent } from '@ledgerline/ingestion';

const EMPTY = Buffer.alloc(0);
/** Record batch attribute bit of transaction markers (no events inside). */
const IS_CONTROL = 0x20;

/**
 * The events of one partition's record batches from `from` on (a batch may start before the
 * fetch offset), and the last offset the batches cover (transaction markers included). Offsets
 * are kept as numbers while below 2^53, which every real log is; records of one batch share
 * their ISO timestamp when the producer stamped them alike.
 */
export function eventsOf(batches: RecordsBatch[], from: bigint): { events: ConsumedEvent[]; lastOffset: bigint } {
  const events: ConsumedEvent[] = [];
  let lastOffset = from - 1n;
  const fromNumber = Number(from);
  for (const batch of batches) {
    const batchLast = batch.firstOffset + BigInt(batch.lastOffsetDelta);
    if (batchLast > lastOffset) lastOffset = batchLast;
    if ((batch.attributes & IS_CONTROL) !== 0) continue;
    const base = Number(batch.firstOffset);
    const firstTimestamp = Number(batch.firstTimestamp);
    let stampedDelta = -1;
    let iso = '';
    for (const record of batch.records) {
      const offset = base + record.offsetDelta;
      if (offset < fromNumber) continue;
      const delta = Number(record.timestampDelta);
      if (delta !== stampedDelta) {
        stampedDelta = delta;
        iso = new Date(firstTimestamp + delta).toISOString();
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of record.headers) if (name) headers[name.toString('utf8')] = value ? value.toString('utf8') : '';
      events.push({
        offset: String(offset),
        key: record.key ? record.key.toString('utf8') : null,
        value: record.value ?? EMPTY,
        tombstone: record.value === null,
        headers,
        timestamp: iso,
      });
    }
  }
  return { events, lastOffset };
}
