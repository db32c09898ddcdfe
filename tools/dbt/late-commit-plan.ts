import { fromCents, toCents, type Account, type Customer, type Transaction } from '@ledgerline/transactions';
import {
  accountRecord,
  customerRecord,
  datasetRecords,
  tombstoneRecord,
  transactionRecord,
  type RawDataset,
  type RawRecord,
  type RawRecordsByTable,
} from './raw-records.ts';

/**
 * Two syncs around Postgres transactions that commit late (docs/sync-watermark.md §2 and §4),
 * for testing that incremental dbt models never use `_change_seq` as a watermark.
 *
 * The first sync ships the whole dataset. Its change sequence values are spaced out
 * (SEQ_STRIDE apart): Postgres' one sequence is shared by every table, so the values in between
 * were drawn by writes that were not committed yet. Those transactions commit after the first
 * sync; the late sync ships what they wrote, each change carrying the value it drew back then:
 * above the previous value of its own key (a writer waits for the row lock before its trigger
 * draws), but BELOW values already loaded for other keys of the same table.
 *
 *  - a deposit booked on an account: the account's balance was raised first (drawing a value
 *    between the first-sync accounts), then, much later in the same transaction, the new
 *    transaction row was inserted (drawing a value in the middle of the first-sync
 *    transactions);
 *  - an account frozen, and a customer's persona changed, which the fact copies onto every
 *    transaction of the account / customer;
 *  - a credit deleted (a tombstone), which only makes earlier balances higher.
 */
export interface LateCommitPlan {
  /** What the first sync writes: everything committed by then. */
  readonly firstSync: RawRecordsByTable;
  /** What a later sync writes: the changes of the transactions that committed late. */
  readonly lateSync: RawRecordsByTable;
  /** The operational data after the late commits: the oracle for the marts. */
  readonly after: RawDataset;
  readonly lateTxId: string;
  readonly depositAccountId: string;
  readonly frozenAccountId: string;
  readonly changedCustomerId: string;
  readonly deletedTxId: string;
}

export const SEQ_STRIDE = 10n;
const DEPOSIT_AMOUNT = '45.67';

/** The `_change_seq` of a RAW record (every record this tool writes has one). */
export function changeSeqOf(record: RawRecord): bigint {
  const seq = record['_change_seq'];
  if (typeof seq !== 'bigint') throw new Error(`record without a change sequence: ${JSON.stringify(Object.keys(record))}`);
  return seq;
}

function keyed(records: readonly RawRecord[], key: string): Map<string, bigint> {
  return new Map(records.map((r) => [String(r[key]), changeSeqOf(r)]));
}

export function planLateCommit(before: RawDataset, changedAt: string, baseCurrency = 'EUR'): LateCommitPlan {
  const numbered = datasetRecords(before).records;
  const spaced = (records: readonly RawRecord[]): RawRecord[] => records.map((r) => ({ ...r, _change_seq: changeSeqOf(r) * SEQ_STRIDE }));
  const firstSync: RawRecordsByTable = {
    customers: spaced(numbered.customers),
    accounts: spaced(numbered.accounts),
    transactions: spaced(numbered.transactions),
  };
  const customerSeq = keyed(firstSync.customers, 'customer_id');
  const accountSeq = keyed(firstSync.accounts, 'account_id');
  const txSeq = keyed(firstSync.transactions, 'tx_id');
  // A late value right after `seq`: unused by the first sync, below every later first-sync value.
  const drawnAfter = (seq: bigint | undefined): bigint => {
    if (seq === undefined) throw new Error('late change of a key the first sync never shipped');
    return seq + 1n;
  };

  // Keys whose first-sync value is the highest of their table cannot get a lower late value.
  const last = <T>(items: readonly T[]): T | undefined => items.at(-1);
  const lastAccountId = last(firstSync.accounts)?.['account_id'];
  const lastCustomerId = last(firstSync.customers)?.['customer_id'];
  const hasTransactions = new Set(before.transactions.map((t) => t.account_id));
  const candidates = before.accounts.filter((a) => a.account_id !== lastAccountId && hasTransactions.has(a.account_id));
  const depositAccount = candidates.find((a) => a.currency === baseCurrency);
  const frozenAccount = candidates.find((a) => a !== depositAccount);
  const ownersWithTransactions = new Set(before.accounts.filter((a) => hasTransactions.has(a.account_id)).map((a) => a.customer_id));
  const changedCustomer = before.customers.find((c) => c.customer_id !== lastCustomerId && ownersWithTransactions.has(c.customer_id));
  if (!depositAccount || !frozenAccount || !changedCustomer) throw new Error('the late-commit plan needs three accounts with transactions and two customers');

  // In first-sync order; the middle one gives the late insert its sequence value and its time.
  const txRecords = firstSync.transactions;
  const middle = txRecords[Math.floor(txRecords.length / 2)];
  const deletedTx = before.transactions.find(
    (t) => t.direction === 'CREDIT' && t.txn_type !== 'TRANSFER' && t.tx_id !== last(txRecords)?.['tx_id'] && t.tx_id !== middle?.['tx_id'],
  );
  if (!middle || !deletedTx) throw new Error('the late-commit plan needs transactions, one of them a non-transfer credit');
  const middleTx = before.transactions.find((t) => t.tx_id === middle['tx_id']);
  if (!middleTx) throw new Error('first-sync transaction missing from the dataset');

  const deposit: Transaction = {
    tx_id: `T-LATE-COMMIT-${depositAccount.account_id}`,
    account_id: depositAccount.account_id,
    occurred_at: new Date(Date.parse(middleTx.occurred_at) + 60_000).toISOString(),
    amount: DEPOSIT_AMOUNT,
    direction: 'CREDIT',
    txn_type: 'DEPOSIT',
    currency: baseCurrency,
    normalized_amount: DEPOSIT_AMOUNT,
    merchant: null,
    mcc: null,
    category: 'Income',
    subcategory: 'Deposits',
    channel: 'BANK_TRANSFER',
    description: 'committed after a sync had run',
    city: null,
    state: null,
    country: null,
    is_recurring: false,
    status: 'POSTED',
    related_account_id: null,
    source: 'csv',
    source_ref: 'late-commit.csv:2',
    asset_symbol: null,
    quantity: null,
    unit_price: null,
    fee: null,
  };
  const accounts: Account[] = before.accounts.map((a) => {
    if (a.account_id === depositAccount.account_id) return { ...a, balance: fromCents(toCents(a.balance) + toCents(DEPOSIT_AMOUNT)), updated_at: changedAt };
    if (a.account_id === frozenAccount.account_id) return { ...a, status: a.status === 'FROZEN' ? 'ACTIVE' : 'FROZEN', updated_at: changedAt };
    return a;
  });
  const customers: Customer[] = before.customers.map((c) =>
    c.customer_id === changedCustomer.customer_id ? { ...c, persona: c.persona === 'retiree' ? 'student' : 'retiree', updated_at: changedAt } : c,
  );
  const transactions = [...before.transactions.filter((t) => t.tx_id !== deletedTx.tx_id), deposit];
  const accountAfter = (id: string): Account => {
    const found = accounts.find((a) => a.account_id === id);
    if (!found) throw new Error(`account ${id} vanished`);
    return found;
  };
  const customerAfter = customers.find((c) => c.customer_id === changedCustomer.customer_id);
  if (!customerAfter) throw new Error(`customer ${changedCustomer.customer_id} vanished`);

  const lateSync: RawRecordsByTable = {
    customers: [customerRecord(customerAfter, drawnAfter(customerSeq.get(changedCustomer.customer_id)))],
    accounts: [
      accountRecord(accountAfter(depositAccount.account_id), drawnAfter(accountSeq.get(depositAccount.account_id))),
      accountRecord(accountAfter(frozenAccount.account_id), drawnAfter(accountSeq.get(frozenAccount.account_id))),
    ],
    transactions: [
      transactionRecord(deposit, drawnAfter(txSeq.get(middleTx.tx_id)), changedAt),
      tombstoneRecord('transactions', deletedTx.tx_id, drawnAfter(txSeq.get(deletedTx.tx_id))),
    ],
  };

  return {
    firstSync,
    lateSync,
    after: { customers, accounts, transactions },
    lateTxId: deposit.tx_id,
    depositAccountId: depositAccount.account_id,
    frozenAccountId: frozenAccount.account_id,
    changedCustomerId: changedCustomer.customer_id,
    deletedTxId: deletedTx.tx_id,
  };
}
