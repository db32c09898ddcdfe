import type { StreamOffset, TopicAdmin, TransactionStore } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';

/** Per partition: where the log ends and where the sink's stored position is. */
export interface StreamPositions {
  /** Sum over partitions of the log end offsets. */
  logEnd: number;
  /** Sum over partitions of the sink's next offset to read (0 where none is stored). */
  stored: number;
}

function byPartition(offsets: readonly StreamOffset[]): Map<number, number> {
  return new Map(offsets.map((o) => [o.partition, Number(o.offset)]));
}

/** Reads both sides of the sink's position, summed, for the stop's reconciliation. */
export async function readStreamPositions(admin: TopicAdmin, store: TransactionStore, groupId: string, topic: string): Promise<StreamPositions> {
  const ends = await admin.endOffsets(topic);
  const stored = byPartition(await store.loadOffsets(groupId, topic));
  let logEnd = 0;
  let storedSum = 0;
  for (const end of ends) {
    logEnd += Number(end.offset);
    storedSum += Math.min(stored.get(end.partition) ?? 0, Number(end.offset));
  }
  return { logEnd, stored: storedSum };
}

/**
 * A stored offset beyond its partition's log end points at events this bus never had: the
 * offsets were stored under a log that is gone (a data directory from before the embedded bus kept
 * its log, or a log deleted by hand). Left alone, the sink would skip that many new events as
 * already consumed — the data loss of issue #25. Such positions restart at the beginning of the
 * log (replays are idempotent on tx_id); a warning names each one.
 */
export async function forgetOffsetsBeyondLog(admin: TopicAdmin, store: TransactionStore, groupId: string, topic: string, logger: Logger): Promise<number> {
  const ends = byPartition(await admin.endOffsets(topic));
  const stale = (await store.loadOffsets(groupId, topic)).filter((o) => Number(o.offset) > (ends.get(o.partition) ?? 0));
  if (stale.length === 0) return 0;
  for (const o of stale) {
    logger.warn('stored offset is beyond the log end: it belongs to a log that no longer exists; reading this partition from its beginning', {
      topic,
      group: groupId,
      partition: o.partition,
      storedOffset: o.offset,
      logEnd: ends.get(o.partition) ?? 0,
    });
  }
  await store.saveOffsets(groupId, topic, stale.map((o) => ({ partition: o.partition, offset: '0' })));
  return stale.length;
}
