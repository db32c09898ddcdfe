import type { EventLogStore, LoggedEvent, LoggedTopic } from '@ledgerline/ingestion';
import { z } from 'zod';
import type { SqlClient } from '../client/sql-client.ts';

/** 7 parameters per row; PostgreSQL allows 65,535 per statement. */
const DEFAULT_ROWS_PER_INSERT = 5_000;

const topicRowSchema = z.object({ topic: z.string(), partitions: z.coerce.number().int().positive() });
const endRowSchema = z.object({ offset: z.coerce.number().int().nonnegative() });
const eventRowSchema = z.object({
  offset: z.coerce.number().int().nonnegative(),
  key: z.string().nullable(),
  value: z.instanceof(Buffer),
  headers: z.record(z.string(), z.string()),
  published_at: z.date(),
});

/**
 * The embedded bus's logs in the operational store (tables `event_log_topics`, `event_log`),
 * so they share a database — and a lifetime — with the sink's `stream_offsets`.
 */
export class PostgresEventLogStore implements EventLogStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly rowsPerInsert = DEFAULT_ROWS_PER_INSERT,
  ) {}

  async loadTopics(): Promise<LoggedTopic[]> {
    const topics = await this.sql.query('SELECT topic, partitions FROM event_log_topics ORDER BY topic');
    const result: LoggedTopic[] = [];
    for (const row of topics.rows) {
      const { topic, partitions } = topicRowSchema.parse(row);
      const ends: number[] = [];
      for (let partition = 0; partition < partitions; partition += 1) ends.push(await this.endOf(topic, partition));
      result.push({ topic, partitions, ends });
    }
    return result;
  }

  async createTopic(topic: string, partitions: number): Promise<number> {
    await this.sql.query('INSERT INTO event_log_topics (topic, partitions) VALUES ($1, $2) ON CONFLICT (topic) DO NOTHING', [topic, partitions]);
    const row = await this.sql.query('SELECT topic, partitions FROM event_log_topics WHERE topic = $1', [topic]);
    return topicRowSchema.parse(row.rows[0]).partitions;
  }

  async append(topic: string, events: readonly LoggedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const size = this.rowsPerInsert;
    if (events.length <= size) {
      await this.insert(this.sql, topic, events);
      return;
    }
    await this.sql.transaction(async (tx) => {
      for (let i = 0; i < events.length; i += size) await this.insert(tx, topic, events.slice(i, i + size));
    });
  }

  async read(topic: string, partition: number, from: number, max: number): Promise<LoggedEvent[]> {
    const result = await this.sql.query(
      `SELECT "offset", key, value, headers, published_at FROM event_log
       WHERE topic = $1 AND partition = $2 AND "offset" >= $3 ORDER BY "offset" LIMIT $4`,
      [topic, partition, from, max],
    );
    return result.rows.map((raw) => {
      const row = eventRowSchema.parse(raw);
      return { partition, offset: row.offset, key: row.key, value: row.value, headers: row.headers, timestamp: row.published_at.toISOString() };
    });
  }

  /** Next offset of one partition: a backward scan of the primary key, not a count. */
  private async endOf(topic: string, partition: number): Promise<number> {
    const result = await this.sql.query(
      'SELECT "offset" FROM event_log WHERE topic = $1 AND partition = $2 ORDER BY "offset" DESC LIMIT 1',
      [topic, partition],
    );
    const last = result.rows[0];
    return last ? endRowSchema.parse(last).offset + 1 : 0;
  }

  private async insert(sql: SqlClient, topic: string, events: readonly LoggedEvent[]): Promise<void> {
    const params: unknown[] = [topic];
    const rows = events.map((event) => {
      const base = params.length;
      params.push(event.partition, event.offset, event.key, event.value, JSON.stringify(event.headers), event.timestamp);
      return `($1, $${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::jsonb, $${base + 6})`;
    });
    await sql.query(`INSERT INTO event_log (topic, partition, "offset", key, value, headers, published_at) VALUES ${rows.join(', ')}`, params);
  }
}
