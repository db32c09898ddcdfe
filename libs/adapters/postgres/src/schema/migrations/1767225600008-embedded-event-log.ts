import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The embedded event bus's partition logs (EventLogStore), beside `stream_offsets`. Before this,
 * the in-process bus lived in memory only: a restart began every partition at offset 0 again
 * while the sink resumed from the offsets stored here, so it skipped new events as consumed.
 * With the log in the same database, stored offsets and the events they point at stay together.
 * Unused (and empty) when the bus is Kafka.
 */
export class EmbeddedEventLog1767225600008 implements MigrationInterface {
  readonly name = 'EmbeddedEventLog1767225600008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_log_topics (
        topic       varchar(255) NOT NULL,
        partitions  integer      NOT NULL,
        created_at  timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT event_log_topics_pkey PRIMARY KEY (topic),
        CONSTRAINT event_log_topics_partitions_positive CHECK (partitions > 0)
      )`);
    await db.query(`
      CREATE TABLE event_log (
        topic         varchar(255) NOT NULL,
        partition     integer      NOT NULL,
        "offset"      bigint       NOT NULL,
        key           text,
        value         bytea        NOT NULL,
        headers       jsonb        NOT NULL,
        published_at  timestamptz  NOT NULL,
        CONSTRAINT event_log_pkey PRIMARY KEY (topic, partition, "offset"),
        CONSTRAINT event_log_topic_fk FOREIGN KEY (topic) REFERENCES event_log_topics (topic)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS event_log`);
    await db.query(`DROP TABLE IF EXISTS event_log_topics`);
  }
}
