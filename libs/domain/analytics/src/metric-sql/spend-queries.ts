import { fromCents } from '@ledgerline/transactions';
import type { z } from 'zod';
import type {
  cashflowParamsSchema,
  spendByCategoryOverTimeParamsSchema,
  spendByCategoryParamsSchema,
  spendByChannelParamsSchema,
  spendByLocationParamsSchema,
  spendByPeriodParamsSchema,
  topMerchantsParamsSchema,
} from '../metrics/metric-params.ts';
import type {
  CashflowRow,
  CategoryPeriodSpendRow,
  CategorySpendRow,
  ChannelSpendRow,
  LocationSpendRow,
  MerchantSpendRow,
  PeriodSpendRow,
} from '../metrics/metric-rows.ts';
import type { MetricFilters } from '../metrics/metric-filters.ts';
import { decimalToCents, decimalToMoney, toCount } from '../metrics/money-text.ts';
import {
  definitionsSql,
  filterConditions,
  moneyText,
  nullableText,
  SqlParams,
  text,
  transactionsFrom,
  where,
  type MetricQuery,
  type MetricSqlContext,
} from './metric-query.ts';
import { rollupFilterConditions, rollupFor, rollupServes } from './serving-tables.ts';

/** The first day of each row's period (a DATE): `day` itself, or date_trunc to Monday / the 1st. */
function periodStart(grain: 'day' | 'week' | 'month'): string {
  return grain === 'day' ? 'day' : `CAST(date_trunc('${grain}', CAST(day AS TIMESTAMP)) AS DATE)`;
}

// Aggregates are computed on native values and only the (few) result rows are turned into text:
// casting inside the GROUP BY would format every one of millions of rows.

/**
 * Spend and income per period (counted rows), oldest first. Two levels: rows are summed per day
 * first (one cheap group per day), and only those day totals are rolled up to weeks or months,
 * so the calendar arithmetic runs on hundreds of rows, not millions.
 */
function periodTotals(ctx: MetricSqlContext, grain: 'day' | 'week' | 'month', filters: MetricFilters) {
  const params = new SqlParams();
  const serving = ctx.source.serving;
  // On the serving layer the day totals come from the daily rollup (a few rows per day).
  const daily = rollupServes(serving, filters)
    ? `SELECT day, sum(spend) AS spend, sum(income) AS income, sum(counted_n) AS n
        FROM ${serving.rollups.daily_category}
        ${where(['counted_n > 0', ...rollupFilterConditions(filters, params)])}
        GROUP BY day`
    : `SELECT day,
          sum(normalized_amount) FILTER (WHERE direction = 'DEBIT') AS spend,
          sum(normalized_amount) FILTER (WHERE direction = 'CREDIT') AS income,
          count(*) AS n
        FROM ${transactionsFrom(ctx)}
        ${where([definitionsSql(ctx).counted, ...filterConditions(ctx, filters, params)])}
        GROUP BY day`;
  const sql = `SELECT CAST(period AS VARCHAR) AS period, ${moneyText('sum(spend)')} AS spend, ${moneyText('sum(income)')} AS income, sum(n) AS n
    FROM (
      SELECT ${periodStart(grain)} AS period, spend, income, n
      FROM (${daily}) AS daily
    ) AS periods
    GROUP BY period
    ORDER BY period`;
  return { sql, params: params.values };
}

function periodRow(row: Record<string, unknown>) {
  const spend = decimalToCents(row.spend);
  const income = decimalToCents(row.income);
  return { spend: fromCents(spend), income: fromCents(income), net: fromCents(income - spend), count: toCount(row.n) };
}

export function spendByPeriodQuery(ctx: MetricSqlContext, p: z.output<typeof spendByPeriodParamsSchema>): MetricQuery<PeriodSpendRow[]> {
  return { ...periodTotals(ctx, p.grain, p), decode: (rows) => rows.map((r) => ({ period: text(r, 'period'), ...periodRow(r) })) };
}

export function cashflowQuery(ctx: MetricSqlContext, p: z.output<typeof cashflowParamsSchema>): MetricQuery<CashflowRow[]> {
  return {
    ...periodTotals(ctx, 'month', p),
    decode: (rows) =>
      rows.map((r) => {
        const { spend, income, net, count } = periodRow(r);
        return { month: text(r, 'period').slice(0, 7), income, spend, net, count };
      }),
  };
}

/** Spend rows grouped by `keys` (plain columns), largest spend first, ties by the keys (byte order, NULLs last). */
function spendGroupedBy(
  ctx: MetricSqlContext,
  filters: MetricFilters,
  keys: readonly string[],
  extra: { conditions?: string[]; limit?: number } = {},
) {
  const params = new SqlParams();
  const serving = ctx.source.serving;
  const order = keys.map((k) => `${ctx.dialect.binaryOrder(`g.${k}`)} NULLS LAST`).join(', ');
  // A rollup holding every key (and category, the day) answers with sums of sums.
  const grouped = rollupServes(serving, filters)
    ? `SELECT ${keys.join(', ')}, sum(spend) AS spend, sum(spend_n) AS n
      FROM ${rollupFor(serving, keys)}
      ${where(['spend_n > 0', ...(extra.conditions ?? []), ...rollupFilterConditions(filters, params)])}
      GROUP BY ${keys.join(', ')}`
    : `SELECT ${keys.join(', ')}, sum(normalized_amount) AS spend, count(*) AS n
      FROM ${transactionsFrom(ctx)}
      ${where([definitionsSql(ctx).spend, ...(extra.conditions ?? []), ...filterConditions(ctx, filters, params)])}
      GROUP BY ${keys.join(', ')}`;
  const limit = extra.limit !== undefined ? ` LIMIT ${ctx.dialect.limitCount(params.add(extra.limit))}` : '';
  const sql = `SELECT ${keys.map((k) => `g.${k}`).join(', ')}, ${moneyText('g.spend')} AS spend, g.n
    FROM (${grouped}) AS g
    ORDER BY g.spend DESC, ${order}${limit}`;
  return { sql, params: params.values };
}

const spendOf = (r: Record<string, unknown>) => ({ spend: decimalToMoney(r.spend), count: toCount(r.n) });

export function spendByCategoryQuery(
  ctx: MetricSqlContext,
  p: z.output<typeof spendByCategoryParamsSchema>,
): MetricQuery<CategorySpendRow[]> {
  const keys = p.level === 'subcategory' ? ['category', 'subcategory'] : ['category'];
  return {
    ...spendGroupedBy(ctx, p, keys),
    decode: (rows) =>
      rows.map((r) => ({ category: text(r, 'category'), subcategory: p.level === 'subcategory' ? nullableText(r, 'subcategory') : null, ...spendOf(r) })),
  };
}

/**
 * Spend per period and category in one statement (a stacked chart would otherwise ask once per
 * category): summed per day and category first, then rolled up to weeks or months. Oldest period
 * first, categories in byte order within a period.
 */
export function spendByCategoryOverTimeQuery(
  ctx: MetricSqlContext,
  p: z.output<typeof spendByCategoryOverTimeParamsSchema>,
): MetricQuery<CategoryPeriodSpendRow[]> {
  const params = new SqlParams();
  const serving = ctx.source.serving;
  const daily = rollupServes(serving, p)
    ? `SELECT day, category, sum(spend) AS spend, sum(spend_n) AS n
        FROM ${serving.rollups.daily_category}
        ${where(['spend_n > 0', ...rollupFilterConditions(p, params)])}
        GROUP BY day, category`
    : `SELECT day, category, sum(normalized_amount) AS spend, count(*) AS n
        FROM ${transactionsFrom(ctx)}
        ${where([definitionsSql(ctx).spend, ...filterConditions(ctx, p, params)])}
        GROUP BY day, category`;
  const sql = `SELECT CAST(period AS VARCHAR) AS period, category, ${moneyText('sum(spend)')} AS spend, sum(n) AS n
    FROM (SELECT ${periodStart(p.grain)} AS period, category, spend, n FROM (${daily}) AS daily) AS periods
    GROUP BY period, category
    ORDER BY period, ${ctx.dialect.binaryOrder('category')}`;
  return {
    sql,
    params: params.values,
    decode: (rows) => rows.map((r) => ({ period: text(r, 'period'), category: text(r, 'category'), ...spendOf(r) })),
  };
}

export function topMerchantsQuery(ctx: MetricSqlContext, p: z.output<typeof topMerchantsParamsSchema>): MetricQuery<MerchantSpendRow[]> {
  return {
    ...spendGroupedBy(ctx, p, ['merchant'], { conditions: ['merchant IS NOT NULL'], limit: p.limit }),
    decode: (rows) => rows.map((r) => ({ merchant: text(r, 'merchant'), ...spendOf(r) })),
  };
}

export function spendByChannelQuery(ctx: MetricSqlContext, p: z.output<typeof spendByChannelParamsSchema>): MetricQuery<ChannelSpendRow[]> {
  return {
    ...spendGroupedBy(ctx, p, ['channel']),
    decode: (rows) => rows.map((r) => ({ channel: text(r, 'channel'), ...spendOf(r) })),
  };
}

export function spendByLocationQuery(
  ctx: MetricSqlContext,
  p: z.output<typeof spendByLocationParamsSchema>,
): MetricQuery<LocationSpendRow[]> {
  // A city or state name is only unique within its country, so those levels group by both.
  const keys = p.level === 'country' ? ['country'] : [p.level, 'country'];
  return {
    ...spendGroupedBy(ctx, p, keys),
    decode: (rows) =>
      rows.map((r) => {
        const location = nullableText(r, p.level);
        return { location, country: nullableText(r, 'country'), ...spendOf(r) };
      }),
  };
}

