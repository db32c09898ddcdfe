import { fromCents, toCents, type Transaction } from '@ledgerline/transactions';
import type { RawDataset } from './raw-records.ts';

/**
 * The finance marts computed independently of dbt, in TypeScript on bigint cents, from the same
 * records that went into RAW. The integration test compares the dbt marts with these to the cent.
 * Rules (as documented in the marts' YAML): calendar month in UTC; spend = DEBIT, income =
 * CREDIT, neither a TRANSFER nor a TRADE; only transactions that moved money (POSTED or PENDING);
 * trades counted apart: invested = buys (DEBIT), divested = sells (CREDIT).
 */
export interface MonthlySpendRow {
  customer_id: string;
  category: string;
  month_start: string;
  spend_amount: string;
  tx_count: number;
}

export interface CashflowRow {
  customer_id: string;
  month_start: string;
  income_amount: string;
  spend_amount: string;
  net_amount: string;
  income_tx_count: number;
  spend_tx_count: number;
  invested_amount: string;
  divested_amount: string;
  net_invested_amount: string;
  trade_tx_count: number;
}

const MOVES_MONEY = new Set<Transaction['status']>(['POSTED', 'PENDING']);

/** `YYYY-MM-01` of the UTC month of an ISO timestamp with any offset. */
export function utcMonthStart(isoTimestamp: string): string {
  return `${new Date(isoTimestamp).toISOString().slice(0, 7)}-01`;
}

function countsAs(tx: Transaction): 'spend' | 'income' | 'buy' | 'sell' | null {
  if (tx.txn_type === 'TRANSFER' || !MOVES_MONEY.has(tx.status)) return null;
  if (tx.txn_type === 'TRADE') return tx.direction === 'DEBIT' ? 'buy' : 'sell';
  return tx.direction === 'DEBIT' ? 'spend' : 'income';
}

function ownerOf(dataset: RawDataset): (tx: Transaction) => string {
  const owner = new Map(dataset.accounts.map((a) => [a.account_id, a.customer_id]));
  return (tx) => {
    const customer = owner.get(tx.account_id);
    if (!customer) throw new Error(`transaction ${tx.tx_id} has no account ${tx.account_id}`);
    return customer;
  };
}

export function expectedMonthlySpend(dataset: RawDataset): MonthlySpendRow[] {
  const customerOf = ownerOf(dataset);
  const groups = new Map<string, { customer_id: string; category: string; month_start: string; cents: bigint; count: number }>();
  for (const tx of dataset.transactions) {
    if (countsAs(tx) !== 'spend') continue;
    const row = { customer_id: customerOf(tx), category: tx.category, month_start: utcMonthStart(tx.occurred_at) };
    const key = `${row.customer_id}|${row.category}|${row.month_start}`;
    const group = groups.get(key) ?? { ...row, cents: 0n, count: 0 };
    group.cents += toCents(tx.normalized_amount);
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ cents, count, ...keys }) => ({ ...keys, spend_amount: fromCents(cents), tx_count: count }))
    .sort(byKeys('customer_id', 'category', 'month_start'));
}

export function expectedCashflow(dataset: RawDataset): CashflowRow[] {
  const customerOf = ownerOf(dataset);
  const zero = { income: 0n, spend: 0n, buys: 0n, sells: 0n, incomeCount: 0, spendCount: 0, tradeCount: 0 };
  const groups = new Map<string, { customer_id: string; month_start: string } & typeof zero>();
  for (const tx of dataset.transactions) {
    const kind = countsAs(tx);
    if (!kind) continue;
    const row = { customer_id: customerOf(tx), month_start: utcMonthStart(tx.occurred_at) };
    const key = `${row.customer_id}|${row.month_start}`;
    const group = groups.get(key) ?? { ...row, ...zero };
    const cents = toCents(tx.normalized_amount);
    if (kind === 'income') {
      group.income += cents;
      group.incomeCount += 1;
    } else if (kind === 'spend') {
      group.spend += cents;
      group.spendCount += 1;
    } else {
      if (kind === 'buy') group.buys += cents;
      else group.sells += cents;
      group.tradeCount += 1;
    }
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({
      customer_id: g.customer_id,
      month_start: g.month_start,
      income_amount: fromCents(g.income),
      spend_amount: fromCents(g.spend),
      net_amount: fromCents(g.income - g.spend),
      income_tx_count: g.incomeCount,
      spend_tx_count: g.spendCount,
      invested_amount: fromCents(g.buys),
      divested_amount: fromCents(g.sells),
      net_invested_amount: fromCents(g.buys - g.sells),
      trade_tx_count: g.tradeCount,
    }))
    .sort(byKeys('customer_id', 'month_start'));
}

/** Comparator over string fields, for stable row order in comparisons. */
export function byKeys<T>(...keys: Array<keyof T>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const order = String(a[key]).localeCompare(String(b[key]));
      if (order !== 0) return order;
    }
    return 0;
  };
}
