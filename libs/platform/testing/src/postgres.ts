import pg from 'pg';
import { startPostgresContainer } from './containers.ts';
import { postgresEndpointSchema, type PostgresEndpoint } from './endpoint-schemas.ts';
import { cachedPerProcess, resolveEndpoint } from './resolve-endpoint.ts';
import { startLocalService } from './run-service-script.ts';
import { uniqueName } from './unique-name.ts';

const resolvePostgres = cachedPerProcess(() =>
  resolveEndpoint<PostgresEndpoint>({
    fromEnv: () => {
      const url = process.env.TEST_POSTGRES_URL;
      return url ? postgresEndpointSchema.parse({ url }) : undefined;
    },
    fromContainer: startPostgresContainer,
    fromLocal: () => startLocalService('postgres', postgresEndpointSchema, 120_000),
  }),
);

/** A superuser URL to the `postgres` database: TEST_POSTGRES_URL, else a container, else local. */
export async function startPostgres(): Promise<{ url: string }> {
  return (await resolvePostgres()).value;
}

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database, disconnecting anyone still connected. */
  drop: () => Promise<void>;
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named database per call, so parallel tests never see each other's rows. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const { url: adminUrl } = await startPostgres();
  const name = uniqueName(prefix);
  // uniqueName yields [a-z0-9_] only, so quoting cannot be escaped; quoted anyway for reserved words.
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      dropped = true;
    },
  };
}
