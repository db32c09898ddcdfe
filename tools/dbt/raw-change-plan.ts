import { fromCents, toCents, type Account, type Customer, type Transaction } from '@ledgerline/transactions';
import {
  accountRecord,
  customerRecord,
  tombstoneRecord,
  transactionRecord,
  type RawDataset,
  type RawRecordsByTable,
} from './raw-records.ts';

/**
 * A second sync's worth of changes to RAW, for testing incremental dbt runs: every kind of
 * change the sync can ship, all with change sequences above the first load's.
 *
 *  - updated transactions: some debits doubled, some re-categorised;
 *  - late transactions: new rows that occurred in the first month (old occurred_at, new seq);
 *  - tombstones: some credits, and one customer with all its accounts and transactions;
 *  - an account (status) and a customer (persona, city) updated, which the fact copies.
 *
 * The changes keep the balance history valid (never negative) without re-simulating the ledger:
 * the history is derived backwards from the current balance, so doubling or adding a debit, or
 * deleting a credit, only raises earlier balances; a late credit raises the current balance by
 * as much, which leaves earlier balances as they were.
 */
export interface RawChangePlan {
  /** What the second sync writes. */
  readonly records: RawRecordsByTable;
  /** The operational data after the changes: the oracle for the marts. */
  readonly after: RawDataset;
  readonly changedCustomerId: string;
  readonly deletedCustomerId: string;
  readonly frozenAccountId: string;
}

const LATE_AMOUNT = '12.34';

export function planRawChanges(before: RawDataset, firstSeq: bigint, changedAt: string, baseCurrency = 'EUR'): RawChangePlan {
  let seq = firstSeq;
  const next = (): bigint => seq++;
  const records: RawRecordsByTable = { customers: [], accounts: [], transactions: [] };

  const [changedCustomer, ...others] = [...before.customers].sort((a, b) => a.customer_id.localeCompare(b.customer_id));
  const deletedCustomer = others.at(-1);
  if (!changedCustomer || !deletedCustomer) throw new Error('the change plan needs at least two customers');

  // One customer, with everything it owns, is deleted.
  const deletedAccounts = new Set(before.accounts.filter((a) => a.customer_id === deletedCustomer.customer_id).map((a) => a.account_id));
  const survivingTransactions = before.transactions.filter((t) => !deletedAccounts.has(t.account_id));
  records.customers.push(tombstoneRecord('customers', deletedCustomer.customer_id, next()));
  for (const id of deletedAccounts) records.accounts.push(tombstoneRecord('accounts', id, next()));
  for (const t of before.transactions) if (deletedAccounts.has(t.account_id)) records.transactions.push(tombstoneRecord('transactions', t.tx_id, next()));

  // Another customer moves and changes persona (a new SCD2 version; facts must follow).
  const customers: Customer[] = before.customers
    .filter((c) => c.customer_id !== deletedCustomer.customer_id)
    .map((c) => (c.customer_id === changedCustomer.customer_id ? { ...c, persona: c.persona === 'retiree' ? 'student' : 'retiree', city: 'Ghent', updated_at: changedAt } : c));
  const changed = customers.find((c) => c.customer_id === changedCustomer.customer_id) as Customer;
  records.customers.push(customerRecord(changed, next()));

  let accounts: Account[] = before.accounts.filter((a) => !deletedAccounts.has(a.account_id));
  const frozen = accounts[0];
  if (!frozen) throw new Error('the change plan needs accounts');
  accounts = accounts.map((a) => (a.account_id === frozen.account_id ? { ...a, status: a.status === 'FROZEN' ? 'ACTIVE' : 'FROZEN', updated_at: changedAt } : a));

  // Existing transactions: double every 23rd debit, re-categorise every 29th purchase, delete
  // every 31st non-transfer credit.
  const transactions: Transaction[] = [];
  const deletedCredits: Transaction[] = [];
  survivingTransactions.forEach((t, i) => {
    if (t.direction === 'CREDIT' && t.txn_type !== 'TRANSFER' && i % 31 === 0) {
      deletedCredits.push(t);
      return;
    }
    let updated: Transaction | null = null;
    if (t.direction === 'DEBIT' && t.txn_type !== 'TRANSFER' && i % 23 === 0) {
      updated = { ...t, amount: fromCents(toCents(t.amount) * 2n), normalized_amount: fromCents(toCents(t.normalized_amount) * 2n) };
    } else if (t.txn_type === 'PURCHASE' && i % 29 === 0) {
      updated = t.category === 'Other' ? { ...t, category: 'Shopping', subcategory: 'General Merchandise' } : { ...t, category: 'Other', subcategory: 'Uncategorised' };
    }
    transactions.push(updated ?? t);
    if (updated) records.transactions.push(transactionRecord(updated, next(), changedAt));
  });
  for (const t of deletedCredits) records.transactions.push(tombstoneRecord('transactions', t.tx_id, next()));

  // Late rows: a grocery debit and a deposit early in the first month, on every fifth account
  // kept in the base currency (so normalized_amount = amount); the deposit raises the balance.
  const firstDay = before.transactions.map((t) => t.occurred_at).sort()[0] ?? changedAt;
  const lateAt = new Date(Date.parse(firstDay) + 36 * 3_600_000).toISOString();
  accounts = accounts.map((account, i) => {
    if (i % 5 !== 0 || account.currency !== baseCurrency) return account;
    const late = (kind: 'debit' | 'credit'): Transaction => ({
      tx_id: `T-LATE-${kind}-${account.account_id}`,
      account_id: account.account_id,
      occurred_at: lateAt,
      amount: LATE_AMOUNT,
      direction: kind === 'debit' ? 'DEBIT' : 'CREDIT',
      txn_type: kind === 'debit' ? 'PURCHASE' : 'DEPOSIT',
      currency: account.currency,
      normalized_amount: LATE_AMOUNT,
      merchant: kind === 'debit' ? 'LATE CORNER SHOP' : null,
      mcc: kind === 'debit' ? '5411' : null,
      category: kind === 'debit' ? 'Groceries' : 'Income',
      subcategory: kind === 'debit' ? 'Supermarkets' : 'Deposits',
      channel: kind === 'debit' ? 'CARD_PRESENT' : 'BANK_TRANSFER',
      description: 'late arrival',
      city: null,
      state: null,
      country: null,
      is_recurring: false,
      status: 'POSTED',
      related_account_id: null,
      source: 'csv',
      source_ref: `late.csv:${i + 2}`,
      asset_symbol: null,
      quantity: null,
      unit_price: null,
      fee: null,
    });
    for (const tx of [late('debit'), late('credit')]) {
      transactions.push(tx);
      records.transactions.push(transactionRecord(tx, next(), changedAt));
    }
    return { ...account, balance: fromCents(toCents(account.balance) + toCents(LATE_AMOUNT)), updated_at: changedAt };
  });
  for (const account of accounts) if (account.updated_at === changedAt) records.accounts.push(accountRecord(account, next()));

  return {
    records,
    after: { customers, accounts, transactions },
    changedCustomerId: changedCustomer.customer_id,
    deletedCustomerId: deletedCustomer.customer_id,
    frozenAccountId: frozen.account_id,
  };
}
