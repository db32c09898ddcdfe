import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds `transactions.version_at`: when the stored content was produced (a stream event's
 * `produced_at`; NULL for rows from files or the seed). An upsert replaces a row's content only
 * with a version at least as new, so an older event that arrives late (a rewind, a second
 * producer) never overwrites a newer one (issue #22). Nullable, no default, no index: adding it
 * rewrites nothing, and it is only read by the upsert's ON CONFLICT on the row it already locked.
 */
export class TransactionVersion1767225600007 implements MigrationInterface {
  readonly name = 'TransactionVersion1767225600007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE transactions ADD COLUMN IF NOT EXISTS version_at timestamptz NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE transactions DROP COLUMN IF EXISTS version_at`);
  }
}
