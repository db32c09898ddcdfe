import type { StreamOffset } from '@ledgerline/ingestion';

/** What to do with a fetched batch of one partition. */
export type PositionDecision =
  /** Deliver the batch, dropping events below `skipBelow` (already applied, per the store). */
  | { kind: 'deliver'; skipBelow?: bigint }
  /** The batch starts past the stored position: move the consumer back there and drop the batch. */
  | { kind: 'seek'; offset: bigint };

/**
 * Reconciles what Kafka fetches with the positions stored in the database next to the rows.
 *
 * After each (re)assignment kafkajs starts every partition at the group's committed offset. That
 * offset is committed only after the database commit, so usually it equals the stored one or is
 * behind it (the process died in between): then the surplus events are skipped. It is ahead only
 * when someone rewound the stored positions (a replay): then the consumer seeks back. Every
 * assigned partition with a stored position is sought to it on assignment (assignmentSeeks), and
 * the first batch per partition is checked as well (decide), because fetching may start before
 * the positions are loaded.
 */
export class ExternalPositions {
  private generation = 0;
  private stored: Promise<Map<number, bigint>> | undefined;
  private readonly next = new Map<number, bigint>();
  private readonly seekedTo = new Map<number, bigint>();

  constructor(private readonly load: (() => Promise<StreamOffset[]>) | undefined) {}

  /** A new assignment (group join): positions must be read again. */
  reset(): void {
    this.generation += 1;
    this.stored = undefined;
    this.next.clear();
    this.seekedTo.clear();
  }

  async decide(partition: number, firstOffset: bigint): Promise<PositionDecision> {
    if (!this.load) return { kind: 'deliver' };
    const expected = this.next.get(partition);
    if (expected !== undefined) return { kind: 'deliver', skipBelow: expected };

    const generation = this.generation;
    const stored = (await this.storedPositions()).get(partition);
    // Reassigned while loading: decide against the new assignment's positions.
    if (generation !== this.generation) return this.decide(partition, firstOffset);
    if (stored === undefined) return { kind: 'deliver' };
    // One seek per assignment: if the log has nothing between the stored position and the first
    // fetched event (compaction, transaction markers), a second seek would loop forever.
    if (firstOffset > stored && this.seekedTo.get(partition) !== stored) {
      this.seekedTo.set(partition, stored);
      return { kind: 'seek', offset: stored };
    }
    this.next.set(partition, stored);
    return { kind: 'deliver', skipBelow: stored };
  }

  /**
   * Right after an assignment: where to seek each assigned partition that has a stored position.
   * Needed because a partition with nothing new after Kafka's committed offset yields no batch
   * that decide() could correct, so a rewind would otherwise never happen. Partitions a batch
   * already decided are left alone.
   */
  async assignmentSeeks(partitions: number[]): Promise<Array<{ partition: number; offset: bigint }>> {
    if (!this.load) return [];
    const generation = this.generation;
    const stored = await this.storedPositions();
    if (generation !== this.generation) return [];
    const seeks: Array<{ partition: number; offset: bigint }> = [];
    for (const partition of partitions) {
      const offset = stored.get(partition);
      if (offset === undefined || this.next.has(partition)) continue;
      this.seekedTo.set(partition, offset);
      this.next.set(partition, offset);
      seeks.push({ partition, offset });
    }
    return seeks;
  }

  /** The partition was processed up to (excluding) `nextOffset`. */
  advance(partition: number, nextOffset: bigint): void {
    this.next.set(partition, nextOffset);
  }

  private storedPositions(): Promise<Map<number, bigint>> {
    const load = this.load;
    if (!load) return Promise.resolve(new Map());
    if (!this.stored) {
      const loading = load().then((offsets) => new Map(offsets.map((o) => [o.partition, BigInt(o.offset)])));
      // A failed load is not cached: the next batch tries again.
      loading.catch(() => {
        if (this.stored === loading) this.stored = undefined;
      });
      this.stored = loading;
    }
    return this.stored;
  }
}
