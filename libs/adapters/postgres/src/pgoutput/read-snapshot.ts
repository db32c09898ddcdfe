import type { Lsn, RowChange } from '@ledgerline/cdc';
import type pg from 'pg';
import { toRowImage } from './column-values.ts';
import { primaryKeyColumns } from './key-columns.ts';
import { currentWalLsn } from './replication-slot.ts';

export interface SnapshotRead {
  tables: string[];
  batchRows: number;
  /** The slot's exported snapshot; null to take a fresh one (a snapshot that did not finish earlier). */
  snapshot: { name: string; lsn: Lsn } | null;
  now: () => number;
}

/**
 * Reads every table in one REPEATABLE READ READ ONLY transaction, batch by batch through a
 * cursor, as op `r` changes. With the slot's exported snapshot the rows are exactly the state at
 * the slot's consistent point. Without it (re-reading after a crash mid-snapshot, the slot kept),
 * the rows may be newer than the slot's start; the stream then replays the changes in between
 * after them, and folding by key still ends at the table's state (see docs/cdc.md).
 */
export async function readSnapshot(client: pg.ClientBase, read: SnapshotRead, onRows: (rows: RowChange[]) => Promise<void>): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // The snapshot name comes from the server (`00000003-00000002-1`), never from input.
    if (read.snapshot) await client.query(`SET TRANSACTION SNAPSHOT '${read.snapshot.name}'`);
    const lsn = read.snapshot?.lsn ?? (await currentWalLsn(client));
    const tsMs = read.now();
    for (const qualified of read.tables) {
      const [schema, table] = qualified.split('.') as [string, string];
      const keyColumns = await primaryKeyColumns(client, schema, table);
      await client.query(`DECLARE ledgerline_snapshot NO SCROLL CURSOR FOR SELECT * FROM ${qualified}`);
      for (;;) {
        const batch = await client.query<Record<string, unknown>>(`FETCH ${read.batchRows} FROM ledgerline_snapshot`);
        if (batch.rows.length === 0) break;
        await onRows(
          batch.rows.map((row) => ({
            op: 'r',
            schema,
            table,
            keyColumns,
            before: null,
            after: toRowImage(row),
            lsn,
            txId: null,
            sourceTsMs: tsMs,
            snapshot: true,
          })),
        );
      }
      await client.query('CLOSE ledgerline_snapshot');
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
