import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where the main job's producer stands (ProducerCheckpointStore): its stream plan (seed, start
 * month, customers and when they grew) and how many events the bus acknowledged. A restart
 * continues the stream from there instead of generating its history again.
 */
export class ProducerCheckpoints1767225600009 implements MigrationInterface {
  readonly name = 'ProducerCheckpoints1767225600009';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE producer_checkpoints (
        stream      varchar(255) NOT NULL,
        plan        jsonb        NOT NULL,
        position    bigint       NOT NULL,
        updated_at  timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT producer_checkpoints_pkey PRIMARY KEY (stream),
        CONSTRAINT producer_checkpoints_position_non_negative CHECK (position >= 0)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS producer_checkpoints`);
  }
}
