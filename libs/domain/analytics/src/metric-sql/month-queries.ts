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
import { rollupFilterConditions, rollupServes } from './serving-tables.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** Bounds of `month` and the month before, bound as parameters: [previous, current) and [current, next). */
function twoMonths(dialect: SqlDialect, month: string, params: SqlParams) {
  const bounds = monthBounds(month);
  const at = (day: string) => dialect.timestamptz(params.add(dayStart(day)));
  const previousStart = at(bounds.previousStart);
  const start = at(bounds.start);
  const nextStart = at(bounds.nextStart);
  return { bounds, start, window: [`occurred_at >= ${previousStart}`, `occurred_at < ${nextStart}`] };
}

/** The same two months on a rollup's `day` (DATE) column. */
function twoMonthsOfDays(month: string, params: SqlParams) {
  const bounds = monthBounds(month);
  const at = (day: string) => `CAST(${params.add(day)} AS DATE)`;
  const previousStart = at(bounds.previousStart);
  const start = at(bounds.start);
  const nextStart = at(bounds.nextStart);
  return { bounds, start: `day >= ${start}`, previous: `day < ${start}`, window: [`day >= ${previousStart}`, `day < ${nextStart}`] };
}

/** Spend per category in `month` and the month before; categories with spend in either; largest first. */
export function monthOverMonthQuery(ctx: MetricSqlContext, p: z.output<typeof monthOverMonthParamsSchema>): MetricQuery<MonthOverMonthRow[]> {
  const params = new SqlParams();
  const serving = ctx.source.serving;
  let sql: string;
  if (rollupServes(serving, p)) {
    // Per-day category sums from the daily rollup instead of every spend row of two months.
    const days = twoMonthsOfDays(p.month, params);
    const current = `sum(spend) FILTER (WHERE ${days.start})`;
    const previous = `sum(spend) FILTER (WHERE ${days.previous})`;
    sql = `SELECT category, ${moneyText(current)} AS spend, ${moneyText(previous)} AS previous_spend
    FROM ${serving.rollups.daily_category}
    ${where(['spend_n > 0', ...days.window, ...rollupFilterConditions(p, params)])}
    GROUP BY category
    ORDER BY coalesce(${current}, 0) DESC, ${ctx.dialect.binaryOrder('category')}`;
  } else {
    const { start, window } = twoMonths(ctx.dialect, p.month, params);
    const current = `sum(normalized_amount) FILTER (WHERE occurred_at >= ${start})`;
    const previous = `sum(normalized_amount) FILTER (WHERE occurred_at < ${start})`;
    sql = `SELECT category, ${moneyText(current)} AS spend, ${moneyText(previous)} AS previous_spend
    FROM ${transactionsFrom(ctx)}
    ${where([definitionsSql(ctx).spend, ...window, ...filterConditions(ctx, p, params)])}
    GROUP BY category
    ORDER BY coalesce(${current}, 0) DESC, ${ctx.dialect.binaryOrder('category')}`;
  }
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
  const serving = ctx.source.serving;
  let sql: string;
  let bounds: ReturnType<typeof monthBounds>;
  if (rollupServes(serving, p)) {
    const days = twoMonthsOfDays(p.month, params);
    bounds = days.bounds;
    const figures = (prefix: string, when: string) => `
      ${moneyText(`sum(spend) FILTER (WHERE ${when})`)} AS ${prefix}_spend,
      ${moneyText(`sum(income) FILTER (WHERE ${when})`)} AS ${prefix}_income,
      coalesce(sum(counted_n) FILTER (WHERE ${when}), 0) AS ${prefix}_count`;
    sql = `SELECT ${figures('cur', days.start)}, ${figures('prev', days.previous)}
    FROM ${serving.rollups.daily_category}
    ${where([...days.window, ...rollupFilterConditions(p, params)])}`;
  } else {
    const months = twoMonths(ctx.dialect, p.month, params);
    bounds = months.bounds;
    const figures = (prefix: string, when: string) => `
      ${moneyText(`sum(normalized_amount) FILTER (WHERE direction = 'DEBIT' AND ${when})`)} AS ${prefix}_spend,
      ${moneyText(`sum(normalized_amount) FILTER (WHERE direction = 'CREDIT' AND ${when})`)} AS ${prefix}_income,
      count(*) FILTER (WHERE ${when}) AS ${prefix}_count`;
    sql = `SELECT ${figures('cur', `occurred_at >= ${months.start}`)}, ${figures('prev', `occurred_at < ${months.start}`)}
    FROM ${transactionsFrom(ctx)}
    ${where([definitionsSql(ctx).counted, ...months.window, ...filterConditions(ctx, p, params)])}`;
  }
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
