import type { ProducerCheckpoint, ProducerCheckpointStore } from '@ledgerline/ingestion';
import { streamPlanSchema } from '@ledgerline/transactions';
import { z } from 'zod';
import type { SqlClient } from '../client/sql-client.ts';

const rowSchema = z.object({ plan: streamPlanSchema, position: z.coerce.number().int().nonnegative() });

/** Producer checkpoints in the operational store (table `producer_checkpoints`). */
export class PostgresProducerCheckpoints implements ProducerCheckpointStore {
  constructor(private readonly sql: SqlClient) {}

  async load(stream: string): Promise<ProducerCheckpoint | undefined> {
    const result = await this.sql.query('SELECT plan, position FROM producer_checkpoints WHERE stream = $1', [stream]);
    const row = result.rows[0];
    return row ? rowSchema.parse(row) : undefined;
  }

  async save(stream: string, checkpoint: ProducerCheckpoint): Promise<void> {
    await this.sql.query(
      `INSERT INTO producer_checkpoints (stream, plan, position, updated_at) VALUES ($1, $2::jsonb, $3, now())
       ON CONFLICT (stream) DO UPDATE SET plan = EXCLUDED.plan, position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
      [stream, JSON.stringify(checkpoint.plan), checkpoint.position],
    );
  }
}
