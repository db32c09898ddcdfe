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
  COUNTED_SQL,
  filterConditions,
  moneyText,
  nullableText,
  SPEND_SQL,
  SqlParams,
  text,
  transactionsFrom,
  where,
  type MetricQuery,
  type MetricSqlContext,
} from './metric-query.ts';

const SPEND_SUM = 'sum(normalized_amount)';

/** First day of the period of each row, as 'YYYY-MM-DD' text. */
function periodStart(ctx: MetricSqlContext, grain: 'day' | 'week' | 'month'): string {
  const day = ctx.dialect.utcDay('occurred_at');
  if (grain === 'day') return `CAST(${day} AS VARCHAR)`;
  return `CAST(CAST(date_trunc('${grain}', CAST(${day} AS TIMESTAMP)) AS DATE) AS VARCHAR)`;
}

/** Spend and income per period (counted rows), oldest first. */
function periodTotals(ctx: MetricSqlContext, grain: 'day' | 'week' | 'month', filters: MetricFilters) {
  const params = new SqlParams();
  const sql = `SELECT ${periodStart(ctx, grain)} AS period,
      ${moneyText(`sum(normalized_amount) FILTER (WHERE direction = 'DEBIT')`)} AS spend,
      ${moneyText(`sum(normalized_amount) FILTER (WHERE direction = 'CREDIT')`)} AS income,
      count(*) AS n
    FROM ${transactionsFrom(ctx, filters)}
    ${where([COUNTED_SQL, ...filterConditions(filters, params)])}
    GROUP BY 1 ORDER BY 1`;
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

/** Spend rows grouped by `keys`, largest spend first, ties by the keys (byte order, NULLs last). */
function spendGroupedBy(
  ctx: MetricSqlContext,
  filters: MetricFilters,
  keys: ReadonlyArray<{ expression: string; alias: string }>,
  extra: { conditions?: string[]; limit?: number } = {},
) {
  const params = new SqlParams();
  const conditions = [SPEND_SQL, ...(extra.conditions ?? []), ...filterConditions(filters, params)];
  const select = keys.map((k) => `${k.expression} AS ${k.alias}`).join(', ');
  const group = keys.map((k) => k.expression).join(', ');
  const order = keys.map((k) => `${ctx.dialect.binaryOrder(k.expression)} NULLS LAST`).join(', ');
  const limit = extra.limit !== undefined ? ` LIMIT CAST(${params.add(extra.limit)} AS INTEGER)` : '';
  const sql = `SELECT ${select}, ${moneyText(SPEND_SUM)} AS spend, count(*) AS n
    FROM ${transactionsFrom(ctx, filters)}
    ${where(conditions)}
    GROUP BY ${group} ORDER BY ${SPEND_SUM} DESC, ${order}${limit}`;
  return { sql, params: params.values };
}

const spendOf = (r: Record<string, unknown>) => ({ spend: decimalToMoney(r.spend), count: toCount(r.n) });

export function spendByCategoryQuery(
  ctx: MetricSqlContext,
  p: z.output<typeof spendByCategoryParamsSchema>,
): MetricQuery<CategorySpendRow[]> {
  const keys = [{ expression: 'category', alias: 'category' }];
  if (p.level === 'subcategory') keys.push({ expression: 'subcategory', alias: 'subcategory' });
  return {
    ...spendGroupedBy(ctx, p, keys),
    decode: (rows) =>
      rows.map((r) => ({ category: text(r, 'category'), subcategory: p.level === 'subcategory' ? nullableText(r, 'subcategory') : null, ...spendOf(r) })),
  };
}

export function topMerchantsQuery(ctx: MetricSqlContext, p: z.output<typeof topMerchantsParamsSchema>): MetricQuery<MerchantSpendRow[]> {
  return {
    ...spendGroupedBy(ctx, p, [{ expression: 'merchant', alias: 'merchant' }], { conditions: ['merchant IS NOT NULL'], limit: p.limit }),
    decode: (rows) => rows.map((r) => ({ merchant: text(r, 'merchant'), ...spendOf(r) })),
  };
}

export function spendByChannelQuery(ctx: MetricSqlContext, p: z.output<typeof spendByChannelParamsSchema>): MetricQuery<ChannelSpendRow[]> {
  return {
    ...spendGroupedBy(ctx, p, [{ expression: 'channel', alias: 'channel' }]),
    decode: (rows) => rows.map((r) => ({ channel: text(r, 'channel'), ...spendOf(r) })),
  };
}

export function spendByLocationQuery(
  ctx: MetricSqlContext,
  p: z.output<typeof spendByLocationParamsSchema>,
): MetricQuery<LocationSpendRow[]> {
  // A city or state name is only unique within its country, so those levels group by both.
  const keys =
    p.level === 'country'
      ? [{ expression: 'country', alias: 'location' }]
      : [
          { expression: p.level, alias: 'location' },
          { expression: 'country', alias: 'country' },
        ];
  return {
    ...spendGroupedBy(ctx, p, keys),
    decode: (rows) =>
      rows.map((r) => {
        const location = nullableText(r, 'location');
        return { location, country: p.level === 'country' ? location : nullableText(r, 'country'), ...spendOf(r) };
      }),
  };
}

