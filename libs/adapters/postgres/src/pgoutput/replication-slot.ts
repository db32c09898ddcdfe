import pg from 'pg';
import { parseLsn, type Lsn } from '@ledgerline/cdc';
import type { ReplicationClientConfig } from 'pg-logical-replication';

export interface CreatedSlot {
  consistentLsn: Lsn;
  /** Exported snapshot name; valid while `connection` stays open and idle. */
  snapshotName: string;
  /** The replication connection that created the slot; close it once the snapshot is imported. */
  connection: pg.Client;
}

/**
 * Creates the logical slot on a replication connection with an exported snapshot: a transaction
 * that imports `snapshotName` sees the database exactly as of `consistentLsn`, and the slot
 * streams every transaction that commits after it. That pair is what makes snapshot + stream
 * neither lose nor double a change.
 */
export async function createSlotWithSnapshot(url: string, slot: string): Promise<CreatedSlot> {
  // node-postgres supports replication connections; its type definitions do not list the option.
  const config: ReplicationClientConfig = { connectionString: url, replication: 'database' };
  const connection = new pg.Client(config);
  await connection.connect();
  try {
    // PostgreSQL 15+ syntax; the slot name is validated as a plain identifier by the options.
    const result = await connection.query<{ consistent_point: string; snapshot_name: string }>(
      `CREATE_REPLICATION_SLOT ${slot} LOGICAL pgoutput (SNAPSHOT 'export')`,
    );
    const row = result.rows[0];
    if (!row?.snapshot_name) throw new Error(`CREATE_REPLICATION_SLOT ${slot} returned no exported snapshot`);
    return { consistentLsn: parseLsn(row.consistent_point), snapshotName: row.snapshot_name, connection };
  } catch (error) {
    await connection.end().catch(() => undefined);
    throw error;
  }
}

export interface SlotRow {
  active: boolean;
  confirmedLsn: Lsn | null;
  restartLsn: Lsn | null;
  currentLsn: Lsn;
}

export async function readSlot(client: pg.ClientBase, slot: string): Promise<SlotRow | null> {
  const result = await client.query<{ active: boolean; confirmed: string | null; restart: string | null; current: string }>(
    `SELECT active, confirmed_flush_lsn::text AS confirmed, restart_lsn::text AS restart, pg_current_wal_lsn()::text AS current
       FROM pg_replication_slots WHERE slot_name = $1 AND database = current_database()`,
    [slot],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    active: row.active,
    confirmedLsn: row.confirmed ? parseLsn(row.confirmed) : null,
    restartLsn: row.restart ? parseLsn(row.restart) : null,
    currentLsn: parseLsn(row.current),
  };
}

export async function currentWalLsn(client: pg.ClientBase): Promise<Lsn> {
  const result = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  return parseLsn(result.rows[0]!.lsn);
}

/**
 * Creates the publication for `tables` if it does not exist, and (when asked) sets REPLICA
 * IDENTITY FULL on each, so deletes and updates log the whole old row. An existing publication
 * is left as it is: changing what a running pipeline captures is an operator's decision.
 */
export async function ensurePublication(client: pg.ClientBase, publication: string, tables: string[], identityFull: boolean): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [publication]);
  if (identityFull) {
    for (const table of tables) await client.query(`ALTER TABLE ${table} REPLICA IDENTITY FULL`);
  }
  if (exists.rowCount) return;
  // Names are validated identifiers (schema.table of [a-z0-9_]): safe to splice.
  await client.query(`CREATE PUBLICATION ${publication} FOR TABLE ${tables.join(', ')}`);
}
