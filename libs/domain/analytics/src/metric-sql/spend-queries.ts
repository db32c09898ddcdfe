import { fromCents } from '@ledgerline/transactions';
import type { z } from 'zod';
import type {
  cashflowParamsSchema,
  spendByCategoryParamsSchema,
  spendByChannelParamsSchema,
  spendByLocationParamsSchema,
  spendByPeriodParamsSchema,
  topMerchantsParamsSchema,
} from '../metrics/metric-params.ts';
import type {
  CashflowRow,
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
  const sql = `SELECT CAST(period AS VARCHAR) AS period, ${moneyText('sum(spend)')} AS spend, ${moneyText('sum(income)')} AS income, sum(n) AS n
    FROM (
      SELECT ${periodStart(grain)} AS period, spend, income, n
      FROM (
        SELECT day,
          sum(normalized_amount) FILTER (WHERE direction = 'DEBIT') AS spend,
          sum(normalized_amount) FILTER (WHERE direction = 'CREDIT') AS income,
          count(*) AS n
        FROM ${transactionsFrom(ctx)}
        ${where([definitionsSql(ctx).counted, ...filterConditions(ctx, filters, params)])}
        GROUP BY day
      ) AS daily
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
  const conditions = [definitionsSql(ctx).spend, ...(extra.conditions ?? []), ...filterConditions(ctx, filters, params)];
  const order = keys.map((k) => `${ctx.dialect.binaryOrder(`g.${k}`)} NULLS LAST`).join(', ');
  const limit = extra.limit !== undefined ? ` LIMIT CAST(${params.add(extra.limit)} AS INTEGER)` : '';
  const sql = `SELECT ${keys.map((k) => `g.${k}`).join(', ')}, ${moneyText('g.spend')} AS spend, g.n
    FROM (
      SELECT ${keys.join(', ')}, sum(normalized_amount) AS spend, count(*) AS n
      FROM ${transactionsFrom(ctx)}
      ${where(conditions)}
      GROUP BY ${keys.join(', ')}
    ) AS g
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

