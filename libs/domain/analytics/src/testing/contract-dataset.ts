import { settlementCents, fromCents, toCents, type GeneratedDataset, type Transaction } from '@ledgerline/transactions';
import { syntheticTradeMarket } from '@ledgerline/market-data';
import { generateDataset } from '@ledgerline/transactions/generator';

export type AnalyticsDataset = Pick<GeneratedDataset, 'customers' | 'accounts' | 'transactions' | 'openingBalances'>;

/**
 * The dataset every AnalyticsStore contract run loads: a small generated dataset (seeded, so
 * every backend sees the same rows) in which some purchases are DECLINED or REVERSED - the
 * generator never emits those, and the metric definitions must exclude them. Their accounts'
 * current balances are raised by what those purchases had taken, as if they had never moved
 * money, so the generator's opening balances stay the ground truth for balancesOverTime.
 * Customers also trade (buys and sells priced from the synthetic market, docs/trades.md), which
 * the definitions must count as neither spend nor income.
 */
export function contractDataset(options: { seed?: number; customers?: number; months?: number; startMonth?: string } = {}): AnalyticsDataset {
  const dataset = generateDataset({
    seed: options.seed ?? 20_260_101,
    customers: options.customers ?? 24,
    months: options.months ?? 3,
    startMonth: options.startMonth ?? '2026-01',
    market: syntheticTradeMarket('contract'),
  });
  const currencyOf = new Map(dataset.accounts.map((a) => [a.account_id, a.currency]));
  const refunds = new Map<string, bigint>();
  let purchases = 0;
  const transactions = dataset.transactions.map((tx): Transaction => {
    if (tx.txn_type !== 'PURCHASE' || tx.direction !== 'DEBIT') return tx;
    purchases += 1;
    const status = purchases % 29 === 0 ? 'DECLINED' : purchases % 31 === 0 ? 'REVERSED' : undefined;
    if (!status) return tx;
    const currency = currencyOf.get(tx.account_id);
    if (currency) refunds.set(tx.account_id, (refunds.get(tx.account_id) ?? 0n) + settlementCents(tx, currency));
    return { ...tx, status };
  });
  const accounts = dataset.accounts.map((a) => {
    const back = refunds.get(a.account_id);
    return back ? { ...a, balance: fromCents(toCents(a.balance) + back) } : a;
  });
  return { customers: dataset.customers, accounts, transactions, openingBalances: dataset.openingBalances };
}
