import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';
import type { Lsn } from '../../events/lsn.ts';
import type { RowChange, SourceMessage } from '../../events/row-change.ts';
import type { ChangeSource, ChangeSourceStatus, OpenedSource, StreamHandler } from '../../ports/change-source.port.ts';

/**
 * Test double for the use case's unit specs (the pgoutput adapter runs against real PostgreSQL
 * in its own specs). It replays a scripted log and records acknowledgements in a journal shared
 * with FakePublisher, so a spec can check what happened first.
 */
export class FakeChangeSource implements ChangeSource {
  readonly kind = 'fake';
  acknowledged: Lsn[] = [];
  snapshotDone = false;
  /** Resolves once the scripted log was delivered; the stream then idles until stopped. */
  delivered: Promise<void>;
  private markDelivered!: () => void;

  constructor(
    readonly journal: string[],
    private readonly script: { snapshot?: RowChange[][]; log: SourceMessage[]; snapshotDue?: boolean },
  ) {
    this.delivered = new Promise((resolve) => (this.markDelivered = resolve));
  }

  async open(): Promise<OpenedSource> {
    return { snapshotDue: this.script.snapshotDue ?? this.script.snapshot !== undefined, database: 'bank' };
  }
  async readSnapshot(onRows: (rows: RowChange[]) => Promise<void>): Promise<void> {
    for (const rows of this.script.snapshot ?? []) await onRows(rows);
  }
  async markSnapshotDone(): Promise<void> {
    this.journal.push('snapshot-done');
    this.snapshotDone = true;
  }
  async stream(handler: StreamHandler, signal: AbortSignal): Promise<void> {
    for (const message of this.script.log) {
      if (signal.aborted) return;
      await handler(message);
    }
    this.markDelivered();
    if (signal.aborted) return;
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  async acknowledge(lsn: Lsn): Promise<void> {
    this.journal.push(`ack ${lsn}`);
    this.acknowledged.push(lsn);
  }
  async heartbeat(): Promise<void> {}
  async status(): Promise<ChangeSourceStatus> {
    throw new Error('not used by these specs');
  }
  async dropSlot(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Records every publish; `failNext` makes that many calls fail like a broker that is down. */
export class FakePublisher implements EventPublisher {
  readonly published: Array<{ topic: string; event: OutgoingEvent }> = [];
  failNext = 0;
  /** When set, a publish waits for it (to hold a batch in flight). */
  gate: Promise<void> | undefined;

  constructor(readonly journal: string[]) {}

  async publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext -= 1;
      this.journal.push(`publish-failed ${topic}`);
      throw new Error('KafkaJSConnectionError: connect ECONNREFUSED');
    }
    for (const event of messages) this.published.push({ topic, event });
    this.journal.push(`publish ${topic} ${messages.length}`);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

let nextLsn = 100n;
/** A streamed insert/update/delete of `public.accounts` keyed by `id`. */
export function rowChange(op: RowChange['op'], id: number, fields: Record<string, string> = {}, lsn = (nextLsn += 10n)): RowChange {
  const image = { id, ...fields };
  return {
    op,
    schema: 'public',
    table: 'accounts',
    keyColumns: ['id'],
    before: op === 'd' || op === 'u' ? image : null,
    after: op === 'd' || op === 't' ? null : image,
    lsn,
    txId: 7,
    sourceTsMs: 1_700_000_000_000,
    snapshot: op === 'r',
  };
}
