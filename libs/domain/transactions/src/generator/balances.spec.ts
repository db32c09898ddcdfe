import { describe, expect, it } from 'vitest';
import { balanceDeltaCents } from '../fx/settlement.ts';
import { fromCents, toCents } from '../model/money.ts';
import type { Transaction } from '../model/transaction.ts';
import { generateDataset } from './generate-dataset.ts';

const dataset = generateDataset({ seed: 99, customers: 90, months: 3, startMonth: '2026-02' });
const accounts = new Map(dataset.accounts.map((a) => [a.account_id, a]));

function byAccount(): Map<string, Transaction[]> {
  const grouped = new Map<string, Transaction[]>();
  for (const tx of dataset.transactions) {
    const list = grouped.get(tx.account_id);
    if (list) list.push(tx);
    else grouped.set(tx.account_id, [tx]);
  }
  return grouped;
}

describe('generated balances', () => {
  it('never go negative when every account is replayed from its opening balance, and end at the closing balance', () => {
    const grouped = byAccount();
    let replayed = 0;
    const negatives: string[] = [];
    const wrongClosing: string[] = [];
    for (const account of dataset.accounts) {
      // dataset.transactions is sorted by occurred_at (then tx_id), so each list is in replay order
      let balance = toCents(dataset.openingBalances[account.account_id] ?? 'missing');
      if (balance < 0n) negatives.push(`${account.account_id} opening`);
      for (const tx of grouped.get(account.account_id) ?? []) {
        balance += balanceDeltaCents(tx, account.currency);
        replayed++;
        if (balance < 0n) negatives.push(`${account.account_id} after ${tx.tx_id}: ${fromCents(balance)}`);
      }
      if (fromCents(balance) !== account.balance) wrongClosing.push(`${account.account_id}: replayed ${fromCents(balance)}, closing ${account.balance}`);
    }
    expect(negatives).toEqual([]);
    expect(wrongClosing).toEqual([]);
    expect(replayed).toBe(dataset.transactions.length);
  });

  it('gives each account strictly increasing timestamps, so replay order is unambiguous', () => {
    const ties: string[] = [];
    for (const [id, txs] of byAccount()) {
      for (let i = 1; i < txs.length; i++) if (txs[i - 1]!.occurred_at >= txs[i]!.occurred_at) ties.push(`${id} ${txs[i]!.tx_id}`);
    }
    expect(ties).toEqual([]);
  });

  it('charges purchases to credit cards and repays them from the same customer', () => {
    const cards = dataset.accounts.filter((a) => a.account_type === 'CREDIT_CARD');
    expect(cards.length).toBeGreaterThan(0);
    const grouped = byAccount();
    for (const card of cards) {
      const txs = grouped.get(card.account_id) ?? [];
      expect(txs.some((t) => t.txn_type === 'PURCHASE')).toBe(true);
      const repayments = txs.filter((t) => t.txn_type === 'TRANSFER' && t.direction === 'CREDIT');
      for (const r of repayments) expect(accounts.get(r.related_account_id ?? '')?.customer_id).toBe(card.customer_id);
    }
  });
});

describe('transfers between own accounts', () => {
  it('come in pairs: a TRANSFER DEBIT and a TRANSFER CREDIT pointing at each other', () => {
    const transfers = dataset.transactions.filter((t) => t.txn_type === 'TRANSFER');
    const debits = transfers.filter((t) => t.direction === 'DEBIT');
    const credits = transfers.filter((t) => t.direction === 'CREDIT');
    expect(debits.length).toBeGreaterThan(0);
    expect(credits.length).toBe(debits.length);
    // A credit leg is identified by (its account, the debit's account, amount, time).
    const legKey = (account: string, counterpart: string | null, t: Transaction) => `${account}|${counterpart}|${t.amount}|${t.occurred_at}`;
    const unmatched = new Map<string, number>();
    for (const c of credits) unmatched.set(legKey(c.account_id, c.related_account_id, c), (unmatched.get(legKey(c.account_id, c.related_account_id, c)) ?? 0) + 1);
    const problems: string[] = [];
    for (const debit of debits) {
      const key = legKey(debit.related_account_id ?? 'none', debit.account_id, debit);
      const left = unmatched.get(key) ?? 0;
      if (left === 0) problems.push(`no credit leg for ${debit.tx_id}`);
      else if (left === 1) unmatched.delete(key);
      else unmatched.set(key, left - 1);
      // both legs belong to the same customer and are categorised as own-account transfers
      if (accounts.get(debit.account_id)?.customer_id !== accounts.get(debit.related_account_id ?? '')?.customer_id) problems.push(`${debit.tx_id} crosses customers`);
      if (debit.category !== 'Transfers' || debit.subcategory !== 'Own Accounts') problems.push(`${debit.tx_id} is ${debit.category}/${debit.subcategory}`);
    }
    expect(problems).toEqual([]);
    expect([...unmatched.keys()]).toEqual([]);
  });

  it('leave related_account_id empty on everything else', () => {
    const linked = dataset.transactions.filter((t) => t.txn_type !== 'TRANSFER' && t.related_account_id !== null);
    expect(linked).toEqual([]);
  });
});
