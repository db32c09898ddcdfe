import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds `stream_offsets.furthest_offset`: the furthest position a consumer group ever stored for a
 * partition. A rewind lowers `next_offset` but not this, so the sink can tell a redelivery of
 * events it already applied from a first delivery and mark the dead letters it sends again
 * (header `ledgerline-redelivery`, issue #22). Nullable: existing rows read as next_offset.
 */
export class FurthestStreamOffset1767225600010 implements MigrationInterface {
  readonly name = 'FurthestStreamOffset1767225600010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE stream_offsets ADD COLUMN IF NOT EXISTS furthest_offset bigint NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE stream_offsets DROP COLUMN IF EXISTS furthest_offset`);
  }
}
