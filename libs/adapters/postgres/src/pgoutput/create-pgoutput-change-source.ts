import { silentLogger, type Logger } from '@ledgerline/logging';
import pg from 'pg';
import { PgoutputChangeSource } from './pgoutput-change-source.ts';
import { pgoutputSourceOptionsSchema, type PgoutputSourceOptions } from './pgoutput-options.ts';

/**
 * Opens a ChangeSource on a PostgreSQL replication slot (pgoutput). Connects once to check the
 * server can do it (wal_level=logical) and says precisely what is missing when it cannot.
 */
export async function createPgoutputChangeSource(options: PgoutputSourceOptions & { logger?: Logger }): Promise<PgoutputChangeSource> {
  const { logger, ...rest } = options;
  const settings = pgoutputSourceOptionsSchema.parse(rest);
  const sql = new pg.Client({ connectionString: settings.url });
  await sql.connect();
  try {
    const level = (await sql.query<{ wal_level: string }>('SHOW wal_level')).rows[0]?.wal_level;
    if (level !== 'logical') {
      throw new Error(`PostgreSQL runs with wal_level=${level}; logical replication needs wal_level=logical (postgresql.conf, then restart)`);
    }
  } catch (error) {
    await sql.end().catch(() => undefined);
    throw error;
  }
  sql.on('error', (error) => (logger ?? silentLogger).warn('postgres connection error', { error: String(error) }));
  return new PgoutputChangeSource(settings, sql, (logger ?? silentLogger).child('pgoutput', { slot: settings.slot }));
}
