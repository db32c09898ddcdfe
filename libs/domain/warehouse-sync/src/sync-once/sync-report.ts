/** What one table's sync did; logged per table and returned by syncOnce. */
export interface TableSyncReport {
  readonly table: string;
  /** Rows plus tombstones read from the change feed. */
  readonly rowsRead: number;
  /** Rows merged into the warehouse (after collapsing repeated keys within a page). */
  readonly upserted: number;
  /** Tombstones merged into the warehouse. */
  readonly deleted: number;
  /** Stored horizon before this sync; null when the table had never been synced. */
  readonly watermarkBefore: bigint | null;
  readonly watermarkAfter: bigint;
  readonly pages: number;
  readonly fullRefresh: boolean;
  readonly durationMs: number;
}

export function changedRows(reports: readonly TableSyncReport[]): number {
  return reports.reduce((sum, r) => sum + r.upserted + r.deleted, 0);
}
