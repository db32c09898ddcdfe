import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { silentLogger } from '@ledgerline/logging';
import { createMemoryEventBus } from '@ledgerline/memory';
import { createPostgresStore, PostgresProducerCheckpoints } from '@ledgerline/postgres';
import { ledgerBalance } from '@ledgerline/transactions';
import { startStreamStage } from './stream-stage.ts';

// The pipeline as a writer of transactions: its stream stage seeds the accounts with their
// opening balances, and every batch the sink lands keeps each balance equal to its ledger, also
// when the pipeline starts again over the database it left.
describe('pipeline stream stage keeps account balances', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('every balance equals opening + landed ledger after a run, and after a second run over the same store', async () => {
    const env = loadConfig({ env: { KAFKA_PARTITIONS: '2', GENERATOR_SEED: '7' }, dotenvPath: false });
    const store = await createPostgresStore({ pgliteDir: 'memory://' });
    cleanups.push(() => store.close());
    await store.migrate();

    // One bus for both runs, like a broker that outlives the pipeline process.
    const bus = createMemoryEventBus({ defaultPartitions: 2 });
    const run = async () => {
      const stage = await startStreamStage(
        { env, store, sinkStore: store, ...bus, checkpoints: new PostgresProducerCheckpoints(store.sql), logger: silentLogger },
        { customers: 3, ratePerSecond: 400, startMonth: '2026-08' },
      );
      await new Promise((r) => setTimeout(r, 1_500));
      await stage.stop();
      return stage;
    };
    const check = async (openingBalances: Record<string, string>) => {
      const ids = Object.keys(openingBalances);
      const balances = await store.readBalances(ids);
      const { rows } = await store.sql.query<{ account_id: string; currency: string }>('SELECT account_id, currency FROM accounts');
      let landed = 0;
      for (const { account_id, currency } of rows) {
        const ledger = await store.transactionsByAccount(account_id, new Date('2000-01-01'), new Date('2100-01-01'));
        landed += ledger.length;
        expect(balances[account_id], account_id).toBe(ledgerBalance(openingBalances[account_id] ?? 'missing', ledger, currency));
      }
      return landed;
    };

    const first = await run();
    const landedFirst = await check(first.openingBalances);
    expect(landedFirst).toBeGreaterThan(0);
    // The second run continues the stream: the same accounts, seeded again over rows that landed.
    const second = await run();
    expect(second.openingBalances).toEqual(first.openingBalances);
    expect(await check(second.openingBalances)).toBeGreaterThanOrEqual(landedFirst);
  }, 120_000);
});
