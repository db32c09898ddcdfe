import type { LandingRow } from '../landing-file.ts';

/**
 * The events of one topic partition not yet landed: a contiguous offset range starting at the
 * group's committed offset (tombstones count in the range but carry no row).
 */
export interface PartitionBuffer {
  topic: string;
  partition: number;
  firstOffset: bigint;
  lastOffset: bigint;
  rows: LandingRow[];
  /** Sum of the message values' bytes (the size roll's measure). */
  bytes: number;
  /** When the first message arrived (ms, the writer's clock): the time roll's start. */
  openedAt: number;
  /** Set from the first event: where the file goes. */
  target?: { schema: string; table: string; dt: string };
  /**
   * An object already landed from this same first offset by an earlier run that died before
   * committing: this file must end exactly at its last offset, so the retry rewrites that key.
   */
  pinnedLastOffset?: bigint;
}

export const bufferId = (topic: string, partition: number): string => `${topic}#${partition}`;
