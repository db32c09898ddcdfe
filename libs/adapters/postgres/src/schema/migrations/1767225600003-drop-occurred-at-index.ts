import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `transactions_occurred_at_idx`, the index on occurred_at alone.
 *
 * Why: every streamed or ingested row paid for it (its keys arrive in random order, so each insert
 * lands on a random leaf page): about 1.3 µs of PostgreSQL CPU per row, ~10% of the bulk upsert's
 * server time (measured on 200k rows, 2 cores, PostgreSQL 15). Nothing in the operational store
 * reads by date alone: per-account reads use (account_id, occurred_at), the change feed uses
 * (change_xid, change_seq), and date-range analytics run in the warehouse. A date-limited
 * `validate` now scans the table (seconds at 10M rows), which it runs rarely; the stream pays per row.
 */
export class DropOccurredAtIndex1767225600003 implements MigrationInterface {
  readonly name = 'DropOccurredAtIndex1767225600003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS transactions_occurred_at_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS transactions_occurred_at_idx ON transactions (occurred_at)`);
  }
}
