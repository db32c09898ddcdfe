import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, repoRoot, startTrino, uniqueName } from '@ledgerline/testing';
import { TrinoClient } from '../client/trino-client.ts';
import { createIcebergCatalog, dropCatalog, jdbcOf } from './catalogs.ts';

export interface IcebergTestCatalog {
  readonly client: TrinoClient;
  readonly catalog: string;
  /** The catalog's PostgreSQL database (its JDBC catalog tables), e.g. to register it for federation. */
  readonly databaseUrl: string;
  dispose(): Promise<void>;
}

/**
 * An Iceberg catalog of the test's own on the (shared) Trino server: a fresh PostgreSQL database
 * for Iceberg's JDBC catalog tables and a temporary directory for the files, dropped at dispose.
 */
export async function createIcebergTestCatalog(prefix: string): Promise<IcebergTestCatalog> {
  const { url } = await startTrino();
  const client = new TrinoClient({ url, user: 'ledgerline-test', timeoutMs: 120_000 });
  const database = await createTestDatabase(`${prefix}_lake`);
  const directory = mkdtempSync(join(tmpdir(), `${prefix}-lake-`));
  const catalog = uniqueName(prefix);
  try {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(readFileSync(join(repoRoot(), 'tools', 'services', 'trino', 'iceberg-jdbc-catalog.sql'), 'utf8'));
    } finally {
      await admin.end();
    }
    await createIcebergCatalog(client, { name: catalog, ...jdbcOf(database.url), storage: { kind: 'local', directory } });
  } catch (error) {
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    client,
    catalog,
    databaseUrl: database.url,
    dispose: async () => {
      await dropCatalog(client, catalog).catch(() => undefined);
      await database.drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
