import type { EntityManager } from 'typeorm';
import { StoreConstraintError } from '@ledgerline/ingestion';
import { BALANCE_MOVING_STATUSES, balanceDeltaCents, fromCents, toCents } from '@ledgerline/transactions';

/**
 * The Postgres side of the balance step (AccountBalances in @ledgerline/ingestion). The rule is the
 * domain's: which statuses count comes from BALANCE_MOVING_STATUSES (passed as a parameter, not
 * restated in SQL) and a foreign-currency row settles through balanceDeltaCents. Same-currency rows
 * are summed in SQL (exact numeric; the bulk of every ledger), foreign ones converted row by row.
 */

type Query = EntityManager['query'];

interface Opening {
  account_id: string;
  currency: string;
  opening_balance: string;
}

/** Upserts the opening balances; the CHECK refuses a negative one (StoreConstraintError upstream). */
export async function upsertOpenings(query: Query, openingBalances: Readonly<Record<string, string>>): Promise<void> {
  // Sorted: concurrent recorders lock the rows in the same order.
  const entries = Object.entries(openingBalances).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return;
  await query(
    `INSERT INTO account_openings (account_id, opening_balance)
     SELECT o.account_id, o.opening_balance FROM unnest($1::varchar[], $2::numeric[]) AS o(account_id, opening_balance)
     ON CONFLICT (account_id) DO UPDATE SET opening_balance = EXCLUDED.opening_balance, recorded_at = now()
       WHERE account_openings.opening_balance IS DISTINCT FROM EXCLUDED.opening_balance`,
    [entries.map(([id]) => id), entries.map(([, balance]) => balance)],
  );
}

/**
 * Recomputes the listed accounts' balances in the caller's transaction; returns how many changed.
 * The accounts are locked first, in key order, so two writers touching the same account serialise
 * (the second one's sums then see the first one's committed rows) and cannot deadlock on them.
 */
export async function recomputeBalancesSql(query: Query, accountIds: readonly string[]): Promise<number> {
  if (accountIds.length === 0) return 0;
  const openings = (await query(
    `SELECT a.account_id, a.currency, o.opening_balance::text AS opening_balance
       FROM accounts a JOIN account_openings o ON o.account_id = a.account_id
      WHERE a.account_id = ANY($1::varchar[])
      ORDER BY a.account_id
        FOR UPDATE OF a`,
    [[...accountIds]],
  )) as Opening[];
  // The common case for a sink fed by a source without openings: one cheap query, nothing else.
  if (openings.length === 0) return 0;

  const ids = openings.map((o) => o.account_id);
  const statuses = [...BALANCE_MOVING_STATUSES];
  const totals = new Map<string, bigint>(openings.map((o) => [o.account_id, toCents(money(o.opening_balance))]));
  const add = (account: string, cents: bigint) => totals.set(account, (totals.get(account) ?? 0n) + cents);

  const same = (await query(
    `SELECT t.account_id, SUM(CASE WHEN t.direction = 'CREDIT' THEN t.amount ELSE -t.amount END)::text AS net
       FROM transactions t JOIN accounts a ON a.account_id = t.account_id
      WHERE t.account_id = ANY($1::varchar[]) AND t.status = ANY($2::varchar[]) AND t.currency = a.currency
      GROUP BY t.account_id`,
    [ids, statuses],
  )) as { account_id: string; net: string }[];
  for (const row of same) add(row.account_id, toCents(money(row.net)));

  const foreign = (await query(
    `SELECT t.account_id, a.currency AS account_currency, t.amount::text AS amount, t.currency, t.direction
       FROM transactions t JOIN accounts a ON a.account_id = t.account_id
      WHERE t.account_id = ANY($1::varchar[]) AND t.status = ANY($2::varchar[]) AND t.currency <> a.currency`,
    [ids, statuses],
  )) as { account_id: string; account_currency: string; amount: string; currency: string; direction: 'DEBIT' | 'CREDIT' }[];
  for (const row of foreign) add(row.account_id, balanceDeltaCents({ amount: money(row.amount), currency: row.currency, direction: row.direction }, row.account_currency));

  for (const [accountId, cents] of totals) {
    if (cents < 0n) {
      throw new StoreConstraintError({
        table: 'accounts',
        constraint: 'accounts_balance_non_negative',
        kind: 'check',
        keyColumn: 'account_id',
        rowKey: accountId,
        reason: `account ${accountId} would have a negative balance ${fromCents(cents)}`,
      });
    }
  }
  const [result] = (await query(
    `WITH changed AS (
       UPDATE accounts a SET balance = v.balance, updated_at = now()
         FROM unnest($1::varchar[], $2::numeric[]) AS v(account_id, balance)
        WHERE a.account_id = v.account_id AND a.balance IS DISTINCT FROM v.balance
       RETURNING 1)
     SELECT count(*)::int AS changed FROM changed`,
    [[...totals.keys()], [...totals.values()].map(fromCents)],
  )) as { changed: number }[];
  return result?.changed ?? 0;
}

/** numeric::text may come back as "12.3" or "12"; money strings need exactly two decimals. */
function money(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  return `${negative ? '-' : ''}${whole}.${(fraction + '00').slice(0, 2)}`;
}
