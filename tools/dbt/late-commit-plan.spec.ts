import { toCents } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { changeSeqOf, planLateCommit } from './late-commit-plan.ts';
import { loadDataset } from './raw-dataset.ts';
import { RAW_TABLES } from './raw-tables.ts';

/** The tables a late-commit plan touches (companies and their links are left to the first sync). */
const PLANNED = ['customers', 'accounts', 'transactions'] as const;

// The fixture must reproduce what real late commits look like to the warehouse, or the
// integration test built on it proves nothing: late values below values already loaded.
describe('planLateCommit', () => {
  const dataset = loadDataset({ seed: 7, customers: 6, months: 2, startMonth: '2025-03' });
  const plan = planLateCommit(dataset, '2026-01-01T00:00:00.000Z');

  it('gives every late change a sequence value the first sync left unused', () => {
    const used = new Set(PLANNED.flatMap((t) => plan.firstSync[t].map(changeSeqOf)));
    const late = PLANNED.flatMap((t) => plan.lateSync[t].map(changeSeqOf));
    expect(late.length).toBe(5);
    expect(late.filter((seq) => used.has(seq))).toEqual([]);
    expect(new Set(late).size).toBe(late.length);
  });

  it('puts each late change above its key in the first sync but below values already loaded for its table', () => {
    for (const table of PLANNED) {
      const key = RAW_TABLES[table].key;
      const firstSeqs = new Map(plan.firstSync[table].map((r) => [r[key], changeSeqOf(r)]));
      const highest = [...firstSeqs.values()].reduce((a, b) => (a > b ? a : b));
      for (const record of plan.lateSync[table]) {
        const seq = changeSeqOf(record);
        const previous = firstSeqs.get(record[key]);
        if (previous !== undefined) expect(seq, `${table} ${String(record[key])}`).toBeGreaterThan(previous);
        expect(seq, `${table} ${String(record[key])}`).toBeLessThan(highest);
      }
    }
  });

  it('ships a new transaction, a tombstone and the changed account and customer rows late', () => {
    const firstTxIds = new Set(plan.firstSync.transactions.map((r) => r['tx_id']));
    expect(firstTxIds.has(plan.lateTxId)).toBe(false);
    expect(firstTxIds.has(plan.deletedTxId)).toBe(true);
    expect(plan.lateSync.transactions.map((r) => [r['tx_id'], r['_deleted']])).toEqual([
      [plan.lateTxId, false],
      [plan.deletedTxId, true],
    ]);
    expect(plan.lateSync.accounts.map((r) => r['account_id'])).toEqual([plan.depositAccountId, plan.frozenAccountId]);
    expect(plan.lateSync.customers.map((r) => r['customer_id'])).toEqual([plan.changedCustomerId]);
  });

  it('describes the data after the late commits: deposit booked and credited, credit deleted, attributes changed', () => {
    const txIds = plan.after.transactions.map((t) => t.tx_id);
    expect(txIds).toContain(plan.lateTxId);
    expect(txIds).not.toContain(plan.deletedTxId);
    expect(txIds.length).toBe(dataset.transactions.length);

    const balance = (accounts: typeof dataset.accounts): bigint => toCents(accounts.find((a) => a.account_id === plan.depositAccountId)?.balance ?? 'missing');
    const deposit = plan.after.transactions.find((t) => t.tx_id === plan.lateTxId);
    expect(balance(plan.after.accounts) - balance(dataset.accounts)).toBe(toCents(deposit?.amount ?? 'missing'));

    const status = (accounts: typeof dataset.accounts): string | undefined => accounts.find((a) => a.account_id === plan.frozenAccountId)?.status;
    expect(status(plan.after.accounts)).not.toBe(status(dataset.accounts));
    const persona = (customers: typeof dataset.customers): string | undefined => customers.find((c) => c.customer_id === plan.changedCustomerId)?.persona;
    expect(persona(plan.after.customers)).not.toBe(persona(dataset.customers));
  });
});
