import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFixture, customerFixture, transactionFixtures } from '@ledgerline/ingestion/testing';
import { openPostgres, type PostgresAdapter } from '../adapter.ts';
import { probeStore } from './store-probe.ts';

// The apps' tests check the store only through this probe, so its checks must say what is there.
describe('probeStore (PGlite)', () => {
  let postgres: PostgresAdapter;

  beforeAll(async () => {
    postgres = await openPostgres({ pgliteDir: 'memory://' });
    await postgres.store.migrate();
    await postgres.store.upsertCustomers([customerFixture(1)]);
    await postgres.store.upsertAccounts([accountFixture(1, 'cus-00001'), accountFixture(2, 'cus-00001')]);
    await postgres.store.upsertTransactions(transactionFixtures(5, 'acc-00001'));
  });
  afterAll(async () => {
    await postgres?.close();
  });

  it('counts and deletes what the store holds, on the adapter or on its store', async () => {
    const probe = probeStore(postgres);
    expect(await probe.count('transactions')).toBe(5);
    const [first, second] = (await postgres.store.transactionsByAccount('acc-00001', new Date('2000-01-01'), new Date('2100-01-01'))).map((t) => t.tx_id);
    expect(await probeStore(postgres.store).deleteTransactions([first!, second!, 'no-such-tx'])).toBe(2);
    expect(await postgres.store.countTransactions()).toBe(3);
  });

  it('reads every balance as exact text, keyed by account', async () => {
    await probeStore(postgres).query("UPDATE accounts SET balance = '12.30' WHERE account_id = 'acc-00002'");
    const balances = await probeStore(postgres).accountBalances();
    expect(Object.keys(balances)).toEqual(['acc-00001', 'acc-00002']);
    expect(balances['acc-00002']).toBe('12.30');
  });

  it('truncates named tables and refuses anything but a plain table name', async () => {
    const probe = probeStore(postgres);
    await expect(probe.count('transactions; DROP TABLE accounts')).rejects.toThrow(/not a plain table name/);
    await expect(probe.truncate('transactions', 'accounts"')).rejects.toThrow(/not a plain table name/);
    await probe.truncate('transactions');
    expect(await probe.count('transactions')).toBe(0);
    expect(await probe.count('accounts')).toBe(2);
  });
});
