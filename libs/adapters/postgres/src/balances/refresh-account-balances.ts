import { StoreConstraintError } from '@ledgerline/ingestion';
import { balanceDeltaCents, fromCents, toCents } from '@ledgerline/transactions';
import type { SqlClient } from '../client/sql-client.ts';

interface SameCurrencyTotal {
  account_id: string;
  account_currency: string;
  net: string;
}

interface ForeignRow {
  account_id: string;
  account_currency: string;
  amount: string;
  currency: string;
  direction: 'DEBIT' | 'CREDIT';
}

/**
 * Sets each account's balance to its opening balance plus every transaction that moves money
 * (status POSTED or PENDING — declined and reversed ones do not), settled in the account
 * currency exactly as the domain does it: same-currency amounts are summed in SQL (exact
 * numeric), foreign-currency ones are converted row by row (half-even per transaction).
 * Idempotent: a full recomputation, so replays and redeliveries can never double-count.
 * Returns the number of accounts whose balance changed.
 */
export async function refreshAccountBalances(sql: SqlClient, openingBalances: Record<string, string>): Promise<number> {
  return sql.transaction((tx) => recomputeAccountBalances(tx, openingBalances));
}

/**
 * The same recomputation on a client that is already inside a transaction (e.g. the stream
 * sink's batch transaction), optionally limited to some accounts.
 */
export async function recomputeAccountBalances(
  tx: SqlClient,
  openingBalances: Record<string, string>,
  accountIds?: readonly string[],
): Promise<number> {
  {
    const only = accountIds ? ' AND t.account_id = ANY($1)' : '';
    const params = accountIds ? [accountIds] : [];
    const totals = new Map<string, bigint>();
    const add = (account: string, cents: bigint) => totals.set(account, (totals.get(account) ?? 0n) + cents);

    const same = await tx.query<SameCurrencyTotal>(
      `SELECT t.account_id, a.currency AS account_currency,
              SUM(CASE WHEN t.direction = 'CREDIT' THEN t.amount ELSE -t.amount END)::text AS net
         FROM transactions t JOIN accounts a ON a.account_id = t.account_id
        WHERE t.status IN ('POSTED', 'PENDING') AND t.currency = a.currency${only}
        GROUP BY t.account_id, a.currency`,
      params,
    );
    for (const row of same.rows) add(row.account_id, toCents(normaliseNumeric(row.net)));

    const foreign = await tx.query<ForeignRow>(
      `SELECT t.account_id, a.currency AS account_currency, t.amount::text AS amount, t.currency, t.direction
         FROM transactions t JOIN accounts a ON a.account_id = t.account_id
        WHERE t.status IN ('POSTED', 'PENDING') AND t.currency <> a.currency${only}`,
      params,
    );
    for (const row of foreign.rows) {
      add(row.account_id, balanceDeltaCents({ amount: normaliseNumeric(row.amount), currency: row.currency, direction: row.direction }, row.account_currency));
    }

    let changed = 0;
    const accounts = accountIds ?? Object.keys(openingBalances);
    for (const accountId of accounts) {
      const opening = openingBalances[accountId];
      if (opening === undefined) continue; // not an account this process seeded
      const balance = toCents(opening) + (totals.get(accountId) ?? 0n);
      // A refusal of the rows, not a failure of the store: permanent, so the sink dead-letters the
      // row that overdraws instead of retrying the batch forever (issue #25).
      if (balance < 0n) throw negativeBalance(accountId, fromCents(balance));
      const result = await tx.query(
        `UPDATE accounts SET balance = $2::numeric, updated_at = now() WHERE account_id = $1 AND balance IS DISTINCT FROM $2::numeric`,
        [accountId, fromCents(balance)],
      );
      changed += result.rowCount;
    }
    return changed;
  }
}

function negativeBalance(accountId: string, balance: string): StoreConstraintError {
  return new StoreConstraintError({
    table: 'accounts',
    constraint: 'accounts_balance_non_negative',
    kind: 'check',
    keyColumn: 'account_id',
    rowKey: accountId,
    reason: `account ${accountId} would have a negative balance ${balance}`,
  });
}

/** numeric::text may come back as "12.3" or "12"; money strings need exactly two decimals. */
function normaliseNumeric(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  return `${negative ? '-' : ''}${whole}.${(fraction + '00').slice(0, 2)}`;
}
