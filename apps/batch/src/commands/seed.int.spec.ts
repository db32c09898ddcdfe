import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot, type TestDatabase } from '@ledgerline/testing';
import type { SeedSummary } from '../seed/seed-summary.ts';
import { probeStore } from '@ledgerline/postgres/testing';

const run = promisify(execFile);

// The seed command end to end, as a user runs it: a child process against real PostgreSQL.
describe('batch seed (child process, PostgreSQL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('batch_seed');
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function seed(): Promise<SeedSummary> {
    const args = ['tsx', 'apps/batch/src/main.ts', 'seed', '--customers', '30', '--months', '2', '--seed', '42', '--start-month', '2025-11'];
    const { stdout } = await run('npx', [...args, '--chunk-size', '1000', '--json'], {
      cwd: repoRoot(),
      env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'batch-seed-')), LOG_LEVEL: 'warn' },
      timeout: 120_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    const lastLine = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(lastLine) as SeedSummary;
  }

  it('inserts the dataset once; a second run finds every row unchanged', async () => {
    const first = await seed();
    expect(first.customers.inserted).toBe(30);
    expect(first.accounts.inserted).toBeGreaterThanOrEqual(30);
    expect(first.transactions.inserted).toBeGreaterThan(1_000);
    expect(first.total).toEqual({ rows: first.total.inserted, inserted: first.total.inserted, updated: 0, unchanged: 0 });

    const second = await seed();
    expect(second.total).toEqual({ rows: first.total.rows, inserted: 0, updated: 0, unchanged: first.total.rows });

    expect(first.balancesChanged).toBe(0);
    const store = await createPostgresStore({ url: database.url, poolSize: 1 });
    try {
      expect(await store.countTransactions()).toBe(first.transactions.inserted);
      // Issue #18: the seeded customers buy and sell assets at the market's prices (docs/trades.md).
      const { rows: trades } = await probeStore(store).query<{ direction: string }>(
        "SELECT DISTINCT direction FROM transactions WHERE txn_type = 'TRADE' AND asset_symbol IS NOT NULL AND quantity > 0 ORDER BY direction",
      );
      expect(trades.map((t) => t.direction)).toEqual(['CREDIT', 'DEBIT']);
      // Issue #18: every corporate customer's company is seeded, with the customer as its account holder.
      const { rows: holders } = await probeStore(store).query<{ corporate: string; held: string }>(
        `SELECT (SELECT count(*) FROM customers WHERE kind = 'CORPORATE')::text AS corporate,
                (SELECT count(*) FROM customer_companies l JOIN companies c USING (company_id) JOIN customers u USING (customer_id)
                  WHERE l.role = 'ACCOUNT_HOLDER' AND u.kind = 'CORPORATE')::text AS held`,
      );
      expect(Number(holders[0]?.corporate)).toBeGreaterThan(0);
      expect(holders[0]?.held).toBe(holders[0]?.corporate);
      // The seed recorded every opening balance: a balance knocked out of step is put back by the
      // balance step alone, to the dataset's closing balance.
      const { rows } = await probeStore(store).query<{ account_id: string; balance: string }>('SELECT account_id, balance::text AS balance FROM accounts ORDER BY account_id LIMIT 1');
      const [account] = rows;
      if (!account) throw new Error('the seed stored no account');
      await probeStore(store).query('UPDATE accounts SET balance = 0 WHERE account_id = $1', [account.account_id]);
      expect(await store.recomputeBalances([account.account_id])).toBe(1);
      const { rows: after } = await probeStore(store).query<{ balance: string }>('SELECT balance::text AS balance FROM accounts WHERE account_id = $1', [account.account_id]);
      expect(after[0]?.balance).toBe(account.balance);
    } finally {
      await store.close();
    }
  });

  it('exits with 2 and the usage on bad flags, before touching the database', async () => {
    const failure = await run('npx', ['tsx', 'apps/batch/src/main.ts', 'seed', '--customers', '0'], {
      cwd: repoRoot(),
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      timeout: 60_000,
    }).then(
      () => undefined,
      (e: unknown) => e as { code?: number; stderr?: string },
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--customers[\s\S]*usage: nx run batch:serve -- seed/);
  });
});
