/**
 * One consumer group on one topic: its members, which partitions each owns, the committed
 * positions, and which partitions have a batch in flight (never two at once, so a rebalance
 * cannot reorder a partition).
 */
export class MemoryConsumerGroup {
  /** Bumped on every membership change; members reload their positions when it moves. */
  generation = 0;
  private readonly members: string[] = [];
  private readonly committed = new Map<number, number>();
  private readonly inFlight = new Set<number>();

  join(memberId: string): void {
    this.members.push(memberId);
    this.generation += 1;
  }

  leave(memberId: string): void {
    const index = this.members.indexOf(memberId);
    if (index < 0) return;
    this.members.splice(index, 1);
    this.generation += 1;
  }

  /** Round-robin assignment over the members in join order. */
  assignment(memberId: string, partitionCount: number): number[] {
    const index = this.members.indexOf(memberId);
    if (index < 0) return [];
    const assigned: number[] = [];
    for (let p = index; p < partitionCount; p += this.members.length) assigned.push(p);
    return assigned;
  }

  committedOffset(partition: number): number | undefined {
    return this.committed.get(partition);
  }

  commit(partition: number, nextOffset: number): void {
    this.committed.set(partition, nextOffset);
  }

  tryAcquire(partition: number): boolean {
    if (this.inFlight.has(partition)) return false;
    this.inFlight.add(partition);
    return true;
  }

  release(partition: number): void {
    this.inFlight.delete(partition);
  }
}
