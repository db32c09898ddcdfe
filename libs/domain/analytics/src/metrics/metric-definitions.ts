import type { Transaction } from '@ledgerline/transactions';

/**
 * The definitions every metric uses, on every backend (stated again in docs/analytics.md):
 *
 * - counted transaction: `txn_type` not in (TRANSFER, TRADE) and `status` not in (REVERSED,
 *   DECLINED). A transfer moves money between accounts without being earned or spent; a trade
 *   (docs/trades.md) turns cash into an asset or back - buying BTC is neither spending nor is
 *   selling it income (the proceeds were the customer's before). Money that never moved or
 *   moved back (REVERSED, DECLINED) counts for nothing. PENDING and POSTED count.
 * - spend  = sum of `normalized_amount` (base currency) of counted DEBIT rows.
 * - income = sum of `normalized_amount` of counted CREDIT rows.
 * - net    = income - spend.
 * - invested = sum of `normalized_amount` of TRADE rows that moved money, DEBIT (buy) minus
 *   CREDIT (sell): the net cash that went into investments (negative: more sold than bought).
 * - `count` = the number of counted rows behind the figure (spend-only metrics: DEBIT rows).
 * - a day is the UTC calendar day of `occurred_at`; weeks start on Monday (ISO).
 * - balance movements: every row except REVERSED/DECLINED moves its account, transfers included,
 *   by `amount` settled in the account currency (FX at the static reference rates, half-even).
 */
export const EXCLUDED_TXN_TYPES = ['TRANSFER', 'TRADE'] as const;
/** The transaction type of an investment trade (docs/trades.md): measured as `invested`, never as spend or income. */
export const TRADE_TXN_TYPE = 'TRADE';
export const EXCLUDED_STATUSES = ['REVERSED', 'DECLINED'] as const;

/**
 * An anomaly: a spend row whose normalized_amount is at least this many sample standard
 * deviations from the mean of the customer's OTHER spend rows in the same category
 * (leave-one-out, as dbt's mart_anomalies: with the row itself in the sample |z| can never
 * reach 3 below 11 observations, since it is bounded by (n-1)/sqrt(n)).
 */
export const ANOMALY_Z_THRESHOLD = 3;
/** ...when there are at least this many other spend rows, not all equal. */
export const ANOMALY_MIN_OBSERVATIONS = 5;
/** A recurring payment: is_recurring spend rows of one merchant seen in at least this many months. */
export const RECURRING_MIN_MONTHS = 2;

type Classified = Pick<Transaction, 'txn_type' | 'status' | 'direction'>;

export function isCounted(tx: Pick<Transaction, 'txn_type' | 'status'>): boolean {
  return !(EXCLUDED_TXN_TYPES as readonly string[]).includes(tx.txn_type) && movesBalance(tx);
}

export function isSpend(tx: Classified): boolean {
  return tx.direction === 'DEBIT' && isCounted(tx);
}

export function isIncome(tx: Classified): boolean {
  return tx.direction === 'CREDIT' && isCounted(tx);
}

/** An investment trade that moved money: a buy (DEBIT) adds to `invested`, a sell (CREDIT) takes from it. */
export function isInvestment(tx: Pick<Transaction, 'txn_type' | 'status'>): boolean {
  return tx.txn_type === TRADE_TXN_TYPE && movesBalance(tx);
}

/** Whether a row moves its account's balance (see above). */
export function movesBalance(tx: Pick<Transaction, 'status'>): boolean {
  return !(EXCLUDED_STATUSES as readonly string[]).includes(tx.status);
}
