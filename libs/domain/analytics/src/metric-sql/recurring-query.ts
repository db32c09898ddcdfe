import type { z } from 'zod';
import { RECURRING_MIN_MONTHS } from '../metrics/metric-definitions.ts';
import type { recurringPaymentsParamsSchema } from '../metrics/metric-params.ts';
import type { RecurringPaymentRow } from '../metrics/metric-rows.ts';
import { decimalToMoney, toCount } from '../metrics/money-text.ts';
import { definitionsSql, filterConditions, moneyText, SqlParams, text, transactionsFrom, where, type MetricQuery, type MetricSqlContext } from './metric-query.ts';

/**
 * Recurring payments: is_recurring spend rows per merchant and category, kept when seen in at
 * least RECURRING_MIN_MONTHS distinct months. Typical amount = percentile_disc(0.5), the lower
 * median, which is an actual payment amount (no averaging, so no rounding). Largest total first.
 */
export function recurringPaymentsQuery(
  ctx: MetricSqlContext,
  p: z.output<typeof recurringPaymentsParamsSchema>,
): MetricQuery<RecurringPaymentRow[]> {
  const params = new SqlParams();
  const month = `date_trunc('month', CAST(day AS TIMESTAMP))`;
  const serving = ctx.source.serving;
  // The serving layer keeps exactly these rows (recurring spend with a merchant) in their own table.
  const from = serving ? `${serving.recurring} AS t` : transactionsFrom(ctx, true);
  const conditions = [...(serving ? [] : [definitionsSql(ctx).spend, 'is_recurring', 'merchant IS NOT NULL']), ...filterConditions(ctx, p, params)];
  const sql = `SELECT merchant, category, count(*) AS payments, count(DISTINCT ${month}) AS months_seen,
      count(DISTINCT customer_id) AS customers,
      CAST(percentile_disc(0.5) WITHIN GROUP (ORDER BY normalized_amount) AS VARCHAR) AS typical_amount,
      ${moneyText('sum(normalized_amount)')} AS total, CAST(max(day) AS VARCHAR) AS last_date
    FROM ${from}
    ${where(conditions)}
    GROUP BY merchant, category
    HAVING count(DISTINCT ${month}) >= ${RECURRING_MIN_MONTHS}
    ORDER BY sum(normalized_amount) DESC, ${ctx.dialect.binaryOrder('merchant')}, ${ctx.dialect.binaryOrder('category')}
    LIMIT CAST(${params.add(p.limit)} AS INTEGER)`;
  return {
    sql,
    params: params.values,
    decode: (rows) =>
      rows.map((r) => ({
        merchant: text(r, 'merchant'),
        category: text(r, 'category'),
        payments: toCount(r.payments),
        months_seen: toCount(r.months_seen),
        customers: toCount(r.customers),
        typical_amount: decimalToMoney(r.typical_amount),
        total: decimalToMoney(r.total),
        last_date: text(r, 'last_date'),
      })),
  };
}
