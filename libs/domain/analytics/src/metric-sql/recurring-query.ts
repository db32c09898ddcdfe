import type { z } from 'zod';
import { RECURRING_MIN_MONTHS } from '../metrics/metric-definitions.ts';
import type { recurringPaymentsParamsSchema } from '../metrics/metric-params.ts';
import type { RecurringPaymentRow } from '../metrics/metric-rows.ts';
import { decimalToMoney, toCount } from '../metrics/money-text.ts';
import type { SqlDialect } from './sql-dialect.ts';
import { definitionsSql, filterConditions, moneyText, SqlParams, text, transactionsFrom, where, type MetricQuery, type MetricSqlContext } from './metric-query.ts';

/**
 * The per-(merchant, category) aggregates of recurringPayments, before formatting: the columns of
 * the serving layer's `recurringSummary` table (built by the DuckDB adapter with these very
 * expressions over every recurring row) and of the grouped subquery over the rows otherwise.
 */
export function recurringSummaryColumns(dialect: SqlDialect): Record<string, string> {
  return {
    payments: 'count(*)',
    months_seen: `count(DISTINCT date_trunc('month', CAST(day AS TIMESTAMP)))`,
    customers: 'count(DISTINCT customer_id)',
    typical_amount: dialect.lowerMedian('normalized_amount'),
    total_amount: 'sum(normalized_amount)',
    last_day: 'max(day)',
  };
}

/** `SELECT merchant, category, <recurringSummaryColumns> FROM <from> <where> GROUP BY merchant, category`. */
export function recurringSummarySelectSql(dialect: SqlDialect, from: string, whereClause = ''): string {
  const columns = Object.entries(recurringSummaryColumns(dialect)).map(([name, expression]) => `${expression} AS ${name}`);
  return `SELECT merchant, category, ${columns.join(', ')} FROM ${from} ${whereClause} GROUP BY merchant, category`;
}

/**
 * Recurring payments: is_recurring spend rows per merchant and category, kept when seen in at
 * least RECURRING_MIN_MONTHS distinct months. Typical amount = percentile_disc(0.5), the lower
 * median, which is an actual payment amount (no averaging, so no rounding). Largest total first.
 *
 * Distinct months, distinct customers and a median do not add up across customers, accounts or
 * days, so the serving layer's summary (one row per group over all of its rows) answers only
 * calls filtered by nothing but the category (a group column); any other filter aggregates the rows.
 */
export function recurringPaymentsQuery(
  ctx: MetricSqlContext,
  p: z.output<typeof recurringPaymentsParamsSchema>,
): MetricQuery<RecurringPaymentRow[]> {
  const params = new SqlParams();
  const serving = ctx.source.serving;
  const summaryServes = serving !== undefined && p.customerId === undefined && p.accountId === undefined && p.from === undefined && p.to === undefined;
  let groups: string;
  if (summaryServes) {
    groups = p.category === undefined ? serving.recurringSummary : `(SELECT * FROM ${serving.recurringSummary} WHERE category = ${params.add(p.category)})`;
  } else {
    // The serving layer keeps exactly these rows (recurring spend with a merchant) in their own table.
    const from = serving ? `${serving.recurring} AS t` : transactionsFrom(ctx, true);
    const conditions = [...(serving ? [] : [definitionsSql(ctx).spend, 'is_recurring', 'merchant IS NOT NULL']), ...filterConditions(ctx, p, params)];
    groups = `(${recurringSummarySelectSql(ctx.dialect, from, where(conditions))})`;
  }
  const sql = `SELECT merchant, category, payments, months_seen, customers,
      CAST(typical_amount AS VARCHAR) AS typical_amount, ${moneyText('total_amount')} AS total, CAST(last_day AS VARCHAR) AS last_date
    FROM ${groups} AS g
    WHERE months_seen >= ${RECURRING_MIN_MONTHS}
    ORDER BY total_amount DESC, ${ctx.dialect.binaryOrder('merchant')}, ${ctx.dialect.binaryOrder('category')}
    LIMIT ${ctx.dialect.limitCount(params.add(p.limit))}`;
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
