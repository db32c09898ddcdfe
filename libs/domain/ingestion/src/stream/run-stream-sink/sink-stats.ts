import type { UpsertResult } from '../../ports/transaction-store.port.ts';

export interface StreamSinkStats {
  /** Events consumed (valid and invalid). */
  received: number;
  /** Rows written or confirmed by the store (inserted + updated + unchanged). */
  stored: number;
  inserted: number;
  updated: number;
  /** Replays of rows already stored with the same content. */
  unchanged: number;
  deadLettered: number;
  /** Of those, dead letters sent again for a redelivered event (marked `ledgerline-redelivery`). */
  redeadLettered: number;
  /** Batches committed (rows and offsets durable). */
  batches: number;
  /** Failed attempts that were retried (store or dead-letter publish). */
  retries: number;
  /** Times a refused batch was split in two to find the row the store refused. */
  bisections: number;
  /**
   * Events the group has not applied yet: the broker's log ends minus the stored positions, over
   * every partition of the topic (read by the stats line each interval). Before the first read,
   * or when it failed, an estimate from the log ends the last batch of each partition saw.
   */
  lag: number;
}

/** Counters of one sink process; plain numbers, read by the periodic stats line and by tests. */
export class SinkStats {
  private readonly counts = { received: 0, stored: 0, inserted: 0, updated: 0, unchanged: 0, deadLettered: 0, redeadLettered: 0, batches: 0, retries: 0, bisections: 0 };
  private readonly lagByPartition = new Map<number, number>();
  /** The last lag read from the broker (through the stats line). */
  private fromBroker: number | undefined;

  received(n: number): void {
    this.counts.received += n;
  }

  stored(result: UpsertResult): void {
    this.counts.inserted += result.inserted;
    this.counts.updated += result.updated;
    this.counts.unchanged += result.unchanged;
    this.counts.stored += result.inserted + result.updated + result.unchanged;
  }

  deadLettered(n: number): void {
    this.counts.deadLettered += n;
  }

  deadLetteredAgain(): void {
    this.counts.redeadLettered += 1;
  }

  retried(): void {
    this.counts.retries += 1;
  }

  bisected(): void {
    this.counts.bisections += 1;
  }

  /** A batch is durable: its rows and its offsets committed together. */
  batchCommitted(partition: number, highWatermark: string, nextOffset: string): void {
    this.counts.batches += 1;
    const lag = BigInt(highWatermark) - BigInt(nextOffset);
    this.lagByPartition.set(partition, lag > 0n ? Number(lag) : 0);
  }

  /** The group's lag as the broker's log ends and the stored positions gave it just now. */
  groupLag(total: number): void {
    this.fromBroker = total;
  }

  snapshot(): StreamSinkStats {
    if (this.fromBroker !== undefined) return { ...this.counts, lag: this.fromBroker };
    let lag = 0;
    for (const value of this.lagByPartition.values()) lag += value;
    return { ...this.counts, lag };
  }
}
