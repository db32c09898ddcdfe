import type { Transaction } from '@ledgerline/transactions';

/**
 * The definitions every metric uses, on every backend (stated again in docs/analytics.md):
 *
 * - counted transaction: `txn_type <> 'TRANSFER'` (moving money between one's own accounts is
 *   neither spend nor income) and `status` not in (REVERSED, DECLINED) (money that never moved
 *   or moved back). PENDING and POSTED count.
 * - spend  = sum of `normalized_amount` (base currency) of counted DEBIT rows.
 * - income = sum of `normalized_amount` of counted CREDIT rows.
 * - net    = income - spend.
 * - `count` = the number of counted rows behind the figure (spend-only metrics: DEBIT rows).
 * - a day is the UTC calendar day of `occurred_at`; weeks start on Monday (ISO).
 * - balance movements: every row except REVERSED/DECLINED moves its account, transfers included,
 *   by `amount` settled in the account currency (FX at the static reference rates, half-even).
 */
export const EXCLUDED_TXN_TYPE = 'TRANSFER';
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
  return tx.txn_type !== EXCLUDED_TXN_TYPE && !(EXCLUDED_STATUSES as readonly string[]).includes(tx.status);
}

export function isSpend(tx: Classified): boolean {
  return tx.direction === 'DEBIT' && isCounted(tx);
}

export function isIncome(tx: Classified): boolean {
  return tx.direction === 'CREDIT' && isCounted(tx);
}

/** Whether a row moves its account's balance (see above). */
export function movesBalance(tx: Pick<Transaction, 'status'>): boolean {
  return !(EXCLUDED_STATUSES as readonly string[]).includes(tx.status);
}
