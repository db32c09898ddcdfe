import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import { classifyPostgresError } from './failure-classes.ts';

/** TypeORM's PostgreSQL runner can hand its connection back as broken (pg-pool then discards it). */
interface DiscardableRunner {
  releasePostgresConnection?(error?: Error): Promise<void>;
}

export interface CopyOutOptions {
  /**
   * `SET LOCAL ...` statements the COPY needs (e.g. TimeZone for timestamp text). When given, the
   * COPY runs in a READ ONLY transaction of its own with them, so the pooled connection's session
   * settings never change for its next user.
   */
  readonly settings?: readonly string[];
  /**
   * A snapshot id from `pg_export_snapshot()` of a transaction that stays open until the COPY has
   * started: the COPY then runs in a REPEATABLE READ transaction that imports it, so it reads
   * exactly what that transaction reads (the warehouse sync's one snapshot per run).
   */
  readonly snapshot?: string;
}

const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i;

/**
 * `COPY (...) TO STDOUT` on a pool connection of its own, as the raw chunks node-postgres
 * receives (pg-copy-streams): no row parsing in JS. The connection is taken on the first read
 * and given back when the stream ends; a consumer that stops early (or a failed COPY) discards
 * it instead, because a connection left mid-COPY cannot run another statement.
 */
export async function* copyOut(dataSource: DataSource, text: string, options: CopyOutOptions = {}): AsyncGenerator<Uint8Array> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  let complete = false;
  let stream: ReturnType<typeof copyTo> | undefined;
  try {
    const client = (await runner.connect()) as PoolClient;
    const settings = options.settings ?? [];
    const { snapshot } = options;
    const ownTransaction = settings.length > 0 || snapshot !== undefined;
    if (snapshot !== undefined) {
      if (!SNAPSHOT_ID.test(snapshot)) throw new Error(`not an exported snapshot id: ${snapshot}`);
      // SET TRANSACTION SNAPSHOT must come before the transaction's first query.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    } else if (ownTransaction) {
      await client.query('BEGIN READ ONLY');
    }
    for (const setting of settings) {
      if (!/^SET LOCAL /i.test(setting)) throw new Error(`copyOut settings must be SET LOCAL statements, got: ${setting}`);
      await client.query(setting);
    }
    stream = client.query(copyTo(text));
    for await (const chunk of stream) yield chunk as Uint8Array;
    if (ownTransaction) await client.query('COMMIT');
    complete = true;
  } catch (error) {
    throw classifyPostgresError(error);
  } finally {
    if (complete) await runner.release();
    else {
      stream?.destroy();
      const discardable = runner as unknown as DiscardableRunner;
      if (discardable.releasePostgresConnection) await discardable.releasePostgresConnection(new Error('COPY TO STDOUT not read to the end'));
      else await runner.release();
    }
  }
}
