import type { OutgoingEvent } from '@ledgerline/ingestion';
import type { Lsn } from '../../events/lsn.ts';
import type { ShapedChangeEvent } from '../../events/shape-change-event.ts';

export interface TakenBatch {
  /** Events per topic, each list in log order. */
  byTopic: Map<string, OutgoingEvent[]>;
  count: number;
  /** The newest acknowledgeable position seen before the end of this batch, if it moved. */
  ackLsn: Lsn | null;
}

/**
 * The events shaped since the last flush, and the positions that become acknowledgeable once
 * they are published.
 *
 * Ordering guarantees (the "ack only after Kafka acked every event up to it" rule lives here):
 * - every event is added in log order and taken out in the same order per topic, so per key;
 * - a position (commit or heartbeat) is recorded only after every change before it was added, so
 *   the `ackLsn` of a taken batch is covered by the events of this batch and of earlier ones;
 * - the caller acknowledges `ackLsn` only after every event of the batch is published, and
 *   flushes one batch at a time, so no acknowledged position ever precedes an unpublished event.
 */
export class ChangeBatch {
  private events: ShapedChangeEvent[] = [];
  private pendingAck: Lsn | null = null;
  private ackedLsn: Lsn | null = null;

  get size(): number {
    return this.events.length;
  }

  add(event: ShapedChangeEvent): void {
    this.events.push(event);
  }

  /** Every change up to `lsn` has been added. Positions never move back. */
  positionReached(lsn: Lsn): void {
    if (this.pendingAck === null || lsn > this.pendingAck) this.pendingAck = lsn;
  }

  /** Whether a flush would publish or acknowledge anything. */
  hasWork(): boolean {
    return this.events.length > 0 || (this.pendingAck !== null && (this.ackedLsn === null || this.pendingAck > this.ackedLsn));
  }

  take(): TakenBatch {
    const byTopic = new Map<string, OutgoingEvent[]>();
    for (const event of this.events) {
      let list = byTopic.get(event.topic);
      if (!list) byTopic.set(event.topic, (list = []));
      list.push({ key: event.key, value: JSON.stringify(event.value) });
    }
    const count = this.events.length;
    this.events = [];
    const moved = this.pendingAck !== null && (this.ackedLsn === null || this.pendingAck > this.ackedLsn);
    return { byTopic, count, ackLsn: moved ? this.pendingAck : null };
  }

  /** Call after the source accepted the acknowledgement. */
  acknowledged(lsn: Lsn): void {
    this.ackedLsn = lsn;
  }

  get lastAcknowledged(): Lsn | null {
    return this.ackedLsn;
  }
}
