import { fromCents, toCents } from '../model/money.ts';
import type { Transaction, TxStatus } from '../model/transaction.ts';
import { balanceDeltaCents } from '../fx/settlement.ts';

/**
 * The statuses whose transactions move an account's balance. A PENDING card payment already
 * reserves the money (it is what the customer can spend); a DECLINED one never moved it and a
 * REVERSED one was moved back, so both leave the balance as if they had not happened.
 * Stores that keep `accounts.balance` apply exactly this list (the Postgres adapter passes it to
 * its SQL as a parameter rather than restating it).
 */
export const BALANCE_MOVING_STATUSES = ['POSTED', 'PENDING'] as const satisfies readonly TxStatus[];

const moving: ReadonlySet<TxStatus> = new Set(BALANCE_MOVING_STATUSES);

/** Whether this transaction counts towards its account's balance (see BALANCE_MOVING_STATUSES). */
export function movesBalance(tx: Pick<Transaction, 'status'>): boolean {
  return moving.has(tx.status);
}

/**
 * An account's balance as the ledger defines it: the opening balance plus the signed settlement
 * (balanceDeltaCents: in the account currency, half-even per transaction) of every transaction
 * that moves the balance. A full recomputation rather than a running delta, so a replayed or
 * redelivered row can never count twice. Money strings with two decimals in and out.
 */
export function ledgerBalance(
  openingBalance: string,
  transactions: Iterable<Pick<Transaction, 'amount' | 'currency' | 'direction' | 'status'>>,
  accountCurrency: string,
): string {
  let cents = toCents(openingBalance);
  for (const tx of transactions) if (movesBalance(tx)) cents += balanceDeltaCents(tx, accountCurrency);
  return fromCents(cents);
}
