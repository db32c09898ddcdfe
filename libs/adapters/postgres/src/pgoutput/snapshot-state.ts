import type pg from 'pg';

/**
 * Records, per slot, that its snapshot was fully published. It lives in the captured database
 * so it cannot disagree with the slot: both are dropped together by `dropSlot`.
 */
export class SnapshotState {
  constructor(private readonly table: string) {}

  async ensure(client: pg.ClientBase): Promise<void> {
    await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (slot_name text PRIMARY KEY, snapshot_done_at timestamptz NOT NULL)`);
  }

  async isDone(client: pg.ClientBase, slot: string): Promise<boolean> {
    const result = await client.query(`SELECT 1 FROM ${this.table} WHERE slot_name = $1`, [slot]);
    return (result.rowCount ?? 0) > 0;
  }

  async markDone(client: pg.ClientBase, slot: string): Promise<void> {
    await client.query(`INSERT INTO ${this.table} (slot_name, snapshot_done_at) VALUES ($1, now()) ON CONFLICT (slot_name) DO UPDATE SET snapshot_done_at = now()`, [slot]);
  }

  async clear(client: pg.ClientBase, slot: string): Promise<void> {
    await client.query(`DELETE FROM ${this.table} WHERE slot_name = $1`, [slot]);
  }
}
