import { abortableSleep, type StreamOffset } from '@ledgerline/ingestion';
import type { StreamTimeline } from '../stages/stream-stage.ts';

export interface StreamHorizonDeps {
  /** occurred_at of the latest event the bus acknowledged (the stream is published in time order). */
  acknowledgedThrough: () => Date | undefined;
  /** Where the producer stands against the wall clock (nextDueAt: everything before it is acknowledged). */
  timeline: () => StreamTimeline;
  /** The topic's log end per partition. */
  logEnds: () => Promise<readonly StreamOffset[]>;
  /** The sink's stored positions per partition (committed with the rows). */
  storedOffsets: () => Promise<readonly StreamOffset[]>;
  pollMs?: number;
}

/**
 * How far in simulated time the stream has landed. A statement of a month shares the stream's
 * tx_ids for that month; loaded before the stream has landed the month, it leaves a hole in the
 * account's history (the month's spending without the weeks of income before it), and the balance
 * step rightly refuses what then reads as an overdraft: the sink dead-lettered valid events and the
 * file was quarantined (seen in the default main job: 3 of ~3,100 events, 2 files). So statements
 * wait for this.
 */
export class StreamHorizon {
  private readonly pollMs: number;

  constructor(private readonly deps: StreamHorizonDeps) {
    this.pollMs = deps.pollMs ?? 250;
  }

  /** Whether the producer has published and had acknowledged every transaction before `instant`. */
  producedBefore(instant: Date): boolean {
    const acknowledged = this.deps.acknowledgedThrough();
    if (acknowledged && acknowledged.getTime() >= instant.getTime()) return true;
    const next = this.deps.timeline().nextDueAt;
    return next !== undefined && next.getTime() >= instant.getTime();
  }

  /**
   * Resolves once every stream transaction before `instant` is stored (or dead-lettered): the
   * producer has passed it, then the sink's stored positions reach the log ends read at that moment.
   * Rejects when `signal` aborts.
   */
  async waitUntilLanded(instant: Date, signal: AbortSignal): Promise<void> {
    while (!this.producedBefore(instant)) await abortableSleep(this.pollMs, signal);
    const target = await this.deps.logEnds();
    while (!reached(await this.deps.storedOffsets(), target)) await abortableSleep(this.pollMs, signal);
  }
}

function reached(stored: readonly StreamOffset[], target: readonly StreamOffset[]): boolean {
  const at = new Map(stored.map((o) => [o.partition, BigInt(o.offset)]));
  return target.every((end) => (at.get(end.partition) ?? 0n) >= BigInt(end.offset));
}
