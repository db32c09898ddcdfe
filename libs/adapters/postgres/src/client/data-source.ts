import { DataSource } from 'typeorm';
import { ENTITIES } from '../schema/entities/index.ts';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../schema/migrations/index.ts';

export type ConnectionTarget =
  | { url: string }
  | { host: string; port: number; username: string; database: string };

export interface DataSourceSettings {
  target: ConnectionTarget;
  poolSize: number;
  /** Keep idle connections forever (PGlite: reconnecting gains nothing and the one slot must stay ours). */
  keepIdle?: boolean;
}

/**
 * The TypeORM DataSource on pg. `synchronize` stays off: the schema changes only through the
 * migrations (architecture §3), run by the store's migrate().
 */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    ...settings.target,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    poolSize: settings.poolSize,
    applicationName: 'ledgerline',
    extra: {
      max: settings.poolSize,
      idleTimeoutMillis: settings.keepIdle ? 0 : 30_000,
      connectionTimeoutMillis: 30_000,
    },
  });
}
