/**
 * The balance step every writer of transactions takes (stream sink, statement ingest, seed,
 * pipeline): after upserting rows, inside the same `withTransaction`, it calls
 * `recomputeBalances` with the accounts those rows belong to, so rows and balances commit
 * together and a reader (warehouse sync, dashboard) never sees one without the other.
 *
 * The rule is the domain's (`ledgerBalance` and `BALANCE_MOVING_STATUSES` in
 * @ledgerline/transactions): balance = opening balance + every POSTED or PENDING transaction,
 * settled in the account currency. A balance can only be derived for an account whose opening
 * balance is recorded; accounts without one keep the balance they were loaded with (an import
 * whose balance is the source's truth, not the ledger's).
 */
export interface AccountBalances {
  /**
   * Records the balance each account had before its first transaction (money strings, >= 0).
   * Idempotent: recording the same value again changes nothing; a new value replaces the old.
   * Does not recompute: call `recomputeBalances` for the accounts in the same transaction.
   */
  recordOpeningBalances(openingBalances: Readonly<Record<string, string>>): Promise<void>;
  /**
   * Sets the balance of each listed account that has an opening balance to what the ledger says.
   * A full recomputation over the account's stored transactions, so redeliveries and replays are
   * exact. Unknown ids and accounts without an opening balance are skipped. A result below zero is
   * refused with a StoreConstraintError (table `accounts`, rowKey the account id) and nothing of
   * the call is written. Returns how many balances changed.
   */
  recomputeBalances(accountIds: readonly string[]): Promise<number>;
  /** The stored balances of the listed accounts that exist (account_id -> money string). */
  readBalances(accountIds: readonly string[]): Promise<Record<string, string>>;
}

/** The distinct account ids of some rows: what a writer passes to `recomputeBalances`. */
export function accountIdsOf(rows: Iterable<{ account_id: string }>): string[] {
  const ids = new Set<string>();
  for (const row of rows) ids.add(row.account_id);
  return [...ids];
}
