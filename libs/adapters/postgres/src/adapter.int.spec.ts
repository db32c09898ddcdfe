import { afterEach, describe, expect, it } from 'vitest';
import { transactionFixtures, customerFixture, accountFixture } from '@ledgerline/ingestion/testing';
import { createTestDatabase } from '@ledgerline/testing';
import { openPostgres, postgresFromEnv, type PostgresAdapter } from './adapter.ts';
import { postgresOptionsFromEnv } from './configuration.ts';

// The one factory every app opens the operational store with: each port it returns works over the
// same connections, and the engine's limits come as declared capabilities.
describe('postgresFromEnv', () => {
  const opened: PostgresAdapter[] = [];
  const drops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const adapter of opened.splice(0)) await adapter.close();
    for (const drop of drops.splice(0)) await drop();
  });

  it('derives the same options from the environment for every app', () => {
    expect(postgresOptionsFromEnv({ DATABASE_URL: undefined, DATABASE_POOL_SIZE: 8, DATA_DIR: 'data' })).toEqual({
      url: undefined,
      pgliteDir: `${process.cwd()}/data/pglite`,
    });
    expect(postgresOptionsFromEnv({ DATABASE_URL: 'postgres://u:secret@h/db', DATABASE_POOL_SIZE: 8, DATA_DIR: 'data' }, { poolSize: 2 })).toMatchObject({
      url: 'postgres://u:secret@h/db',
      poolSize: 2,
    });
  });

  it('returns every Postgres port on one set of connections, labelled without the password', async () => {
    const database = await createTestDatabase('adapter_factory');
    drops.push(() => database.drop());
    const postgres = await postgresFromEnv({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2, DATA_DIR: 'unused' });
    opened.push(postgres);
    expect(postgres.capabilities).toEqual({ backend: 'postgres', singleConnection: false, embedded: false });
    expect(postgres.description).toMatch(/^PostgreSQL \(/);
    const password = new URL(database.url).password;
    if (password) expect(postgres.description).not.toContain(password);

    await postgres.store.migrate();
    await postgres.store.upsertCustomers([customerFixture(1)]);
    await postgres.store.upsertAccounts([accountFixture(1, 'cus-00001')]);
    await postgres.store.upsertTransactions(transactionFixtures(3, 'acc-00001'));
    // The change feed and the analytics source see what the store wrote.
    const columns = await postgres.analyticsSource.sourceColumns(['transactions']);
    expect(columns.some((c) => c.table === 'transactions' && c.name === 'tx_id')).toBe(true);
    await postgres.runHistory.record({ job: 'adapter-test', startedAt: new Date(), finishedAt: new Date(), rows: 3, status: 'ok' });
    expect((await postgres.runHistory.recent(5)).map((r) => r.job)).toContain('adapter-test');
  });

  it('declares PGlite as the single-connection embedded engine', async () => {
    const embedded = await openPostgres({ pgliteDir: 'memory://' });
    opened.push(embedded);
    expect(embedded.capabilities).toEqual({ backend: 'pglite', singleConnection: true, embedded: true });
    expect(embedded.description).toBe('PGlite (memory://, one connection)');
  });
});
