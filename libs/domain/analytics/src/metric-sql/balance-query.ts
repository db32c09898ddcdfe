import { fromCents } from '@ledgerline/transactions';
import type { z } from 'zod';
import type { balancesOverTimeParamsSchema } from '../metrics/metric-params.ts';
import type { BalanceRow } from '../metrics/metric-rows.ts';
import { toCount } from '../metrics/money-text.ts';
import { fxRatesValuesSql, halfEvenSql } from './fx-settlement-sql.ts';
import { definitionsSql, integer, SqlParams, text, type DbRow, type MetricQuery, type MetricSqlContext } from './metric-query.ts';

/**
 * End-of-day balance of one account for every day in [from, to] (default: its first to its last
 * transaction day). Each row moves the balance by `amount` settled in the account currency
 * (settlementCents: FX at the static rates, half-even) - plus for CREDIT, minus for DEBIT -
 * unless REVERSED/DECLINED. The opening balance is the account's current balance minus every
 * movement, so the last day ends exactly on the current balance.
 */
export function balancesOverTimeQuery(ctx: MetricSqlContext, p: z.output<typeof balancesOverTimeParamsSchema>): MetricQuery<BalanceRow[]> {
  const { dialect, source } = ctx;
  const params = new SqlParams();
  const account = params.add(p.accountId);
  const wide = dialect.wideIntegerType;
  const firstDay = p.from !== undefined ? `CAST(${params.add(p.from)} AS DATE)` : 'min(day)';
  const lastDay = p.to !== undefined ? `CAST(${params.add(p.to)} AS DATE)` : 'max(day)';
  const sql = `WITH acct AS (
      SELECT account_id, currency, CAST(balance * 100 AS BIGINT) AS balance_cents FROM ${source.accounts()} AS a WHERE account_id = ${account}
    ),
    fx(code, units, scale_factor) AS (${fxRatesValuesSql(dialect)}),
    legs AS (
      SELECT t.day AS day,
        CASE WHEN t.direction = 'CREDIT' THEN 1 ELSE -1 END AS direction_sign,
        t.currency = acct.currency AS same_currency,
        CAST(CAST(t.amount * 100 AS BIGINT) AS ${wide}) AS cents,
        CAST(CAST(t.amount * 100 AS BIGINT) AS ${wide}) * dst.units * src.scale_factor AS num,
        src.units * dst.scale_factor AS den
      FROM ${source.transactions({ withCustomer: false })} AS t
      JOIN acct ON acct.account_id = t.account_id
      LEFT JOIN fx AS src ON src.code = t.currency
      LEFT JOIN fx AS dst ON dst.code = acct.currency
      WHERE t.account_id = ${account} AND ${definitionsSql(ctx).movesBalance}
    ),
    divided AS (SELECT day, direction_sign, same_currency, cents, num, den, ${dialect.intDiv('num', 'den')} AS q FROM legs),
    moves AS (
      SELECT day, direction_sign * CASE WHEN same_currency THEN cents ELSE ${halfEvenSql('num', 'den', 'q')} END AS delta FROM divided
    ),
    daily AS (SELECT day, sum(delta) AS delta FROM moves GROUP BY day),
    bounds AS (SELECT ${firstDay} AS first_day, ${lastDay} AS last_day, coalesce(sum(delta), 0) AS total FROM daily),
    opening AS (SELECT acct.balance_cents - bounds.total AS opening_cents FROM acct CROSS JOIN bounds),
    earlier AS (SELECT coalesce(sum(daily.delta), 0) AS earlier_cents FROM daily CROSS JOIN bounds WHERE daily.day < bounds.first_day),
    spine AS (
      SELECT CAST(g AS DATE) AS day
      FROM bounds CROSS JOIN ${dialect.daySeries('bounds.first_day', 'bounds.last_day')}
    )
    SELECT CAST(spine.day AS VARCHAR) AS day,
      CAST(opening.opening_cents + earlier.earlier_cents + sum(coalesce(daily.delta, 0)) OVER (ORDER BY spine.day) AS VARCHAR) AS balance_cents,
      acct.currency AS currency,
      (SELECT count(*) FROM moves WHERE delta IS NULL) AS unconvertible
    FROM spine
    LEFT JOIN daily ON daily.day = spine.day
    CROSS JOIN opening CROSS JOIN earlier CROSS JOIN acct
    ORDER BY spine.day`;
  return { sql, params: params.values, decode: (rows) => rows.map((r) => balanceRow(r, p.accountId)) };
}

function balanceRow(row: DbRow, accountId: string): BalanceRow {
  if (toCount(row.unconvertible) > 0) {
    throw new RangeError(`account ${accountId} has ${String(row.unconvertible)} rows in a currency without an FX rate; its balance cannot be derived`);
  }
  return { date: text(row, 'day'), balance: fromCents(integer(row, 'balance_cents')), currency: text(row, 'currency') };
}
