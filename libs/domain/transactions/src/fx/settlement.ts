import { toCents } from '../model/money.ts';
import type { Transaction } from '../model/transaction.ts';
import { convertCents } from './convert.ts';

/**
 * What a transaction moves on its own account, in integer cents of the account currency: the
 * amount itself when it is in the account currency, else the amount converted at the static
 * rate (half-even to cents) — how a foreign-currency card payment settles on the account.
 */
export function settlementCents(tx: Pick<Transaction, 'amount' | 'currency'>, accountCurrency: string): bigint {
  const cents = toCents(tx.amount);
  return tx.currency === accountCurrency ? cents : convertCents(cents, tx.currency, accountCurrency);
}

/** Signed change of the account balance in cents: + for CREDIT, − for DEBIT. */
export function balanceDeltaCents(tx: Pick<Transaction, 'amount' | 'currency' | 'direction'>, accountCurrency: string): bigint {
  const cents = settlementCents(tx, accountCurrency);
  return tx.direction === 'CREDIT' ? cents : -cents;
}
