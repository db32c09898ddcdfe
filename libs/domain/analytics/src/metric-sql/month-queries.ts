import { fromCents } from '@ledgerline/transactions';
import type { z } from 'zod';
import { monthBounds } from '../metrics/metric-filters.ts';
import type { kpisParamsSchema, monthOverMonthParamsSchema } from '../metrics/metric-params.ts';
import type { Kpis, MonthFigures, MonthOverMonthRow } from '../metrics/metric-rows.ts';
import { decimalToCents, percentChange, toCount } from '../metrics/money-text.ts';
import {
  dayStart,
  definitionsSql,
  filterConditions,
  moneyText,
  SqlParams,
  text,
  transactionsFrom,
  where,
  type DbRow,
  type MetricQuery,
  type MetricSqlContext,
} from './metric-query.ts';

/** Bounds of `month` and the month before, bound as parameters: [previous, current) and [current, next). */
function twoMonths(month: string, params: SqlParams) {
  const bounds = monthBounds(month);
  const at = (day: string) => `CAST(${params.add(dayStart(day))} AS TIMESTAMPTZ)`;
  const previousStart = at(bounds.previousStart);
  const start = at(bounds.start);
  const nextStart = at(bounds.nextStart);
  return { bounds, start, window: [`occurred_at >= ${previousStart}`, `occurred_at < ${nextStart}`] };
}

/** Spend per category in `month` and the month before; categories with spend in either; largest first. */
export function monthOverMonthQuery(ctx: MetricSqlContext, p: z.output<typeof monthOverMonthParamsSchema>): MetricQuery<MonthOverMonthRow[]> {
  const params = new SqlParams();
  const { start, window } = twoMonths(p.month, params);
  const current = `sum(normalized_amount) FILTER (WHERE occurred_at >= ${start})`;
  const previous = `sum(normalized_amount) FILTER (WHERE occurred_at < ${start})`;
  const sql = `SELECT category, ${moneyText(current)} AS spend, ${moneyText(previous)} AS previous_spend
    FROM ${transactionsFrom(ctx)}
    ${where([definitionsSql(ctx).spend, ...window, ...filterConditions(ctx, p, params)])}
    GROUP BY category
    ORDER BY coalesce(${current}, 0) DESC, ${ctx.dialect.binaryOrder('category')}`;
  return {
    sql,
    params: params.values,
    decode: (rows) =>
      rows.map((r) => {
        const spend = decimalToCents(r.spend);
        const before = decimalToCents(r.previous_spend);
        return {
          category: text(r, 'category'),
          spend: fromCents(spend),
          previous_spend: fromCents(before),
          change: fromCents(spend - before),
          pct_change: percentChange(spend, before),
        };
      }),
  };
}

/** Spend, income, net and count of `month`, with the previous month and the change. */
export function kpisQuery(ctx: MetricSqlContext, p: z.output<typeof kpisParamsSchema>): MetricQuery<Kpis> {
  const params = new SqlParams();
  const { bounds, start, window } = twoMonths(p.month, params);
  const figures = (prefix: string, when: string) => `
      ${moneyText(`sum(normalized_amount) FILTER (WHERE direction = 'DEBIT' AND ${when})`)} AS ${prefix}_spend,
      ${moneyText(`sum(normalized_amount) FILTER (WHERE direction = 'CREDIT' AND ${when})`)} AS ${prefix}_income,
      count(*) FILTER (WHERE ${when}) AS ${prefix}_count`;
  const sql = `SELECT ${figures('cur', `occurred_at >= ${start}`)}, ${figures('prev', `occurred_at < ${start}`)}
    FROM ${transactionsFrom(ctx)}
    ${where([definitionsSql(ctx).counted, ...window, ...filterConditions(ctx, p, params)])}`;
  return {
    sql,
    params: params.values,
    decode: (rows) => {
      const row = rows[0];
      if (!row) throw new Error('kpis: the aggregate returned no row');
      const current = monthFigures(row, 'cur', p.month);
      const previous = monthFigures(row, 'prev', bounds.previous);
      const cents = (m: MonthFigures) => ({ spend: decimalToCents(m.spend), income: decimalToCents(m.income), net: decimalToCents(m.net) });
      const now = cents(current);
      const before = cents(previous);
      return {
        ...current,
        previous,
        change: {
          spend: fromCents(now.spend - before.spend),
          income: fromCents(now.income - before.income),
          net: fromCents(now.net - before.net),
          count: current.count - previous.count,
          spend_pct: percentChange(now.spend, before.spend),
          income_pct: percentChange(now.income, before.income),
        },
      };
    },
  };
}

function monthFigures(row: DbRow, prefix: string, month: string): MonthFigures {
  const spend = decimalToCents(row[`${prefix}_spend`]);
  const income = decimalToCents(row[`${prefix}_income`]);
  return { month, spend: fromCents(spend), income: fromCents(income), net: fromCents(income - spend), count: toCount(row[`${prefix}_count`]) };
}
