import type { MetricFilters } from '../metrics/metric-filters.ts';
import { nextDay, type SqlParams } from './metric-query.ts';

/**
 * The serving layer an analytics store may keep beside its copy of the data (DuckDB does, see
 * docs/analytics.md "Physical design"): derived tables that answer the dashboard's questions
 * without scanning every transaction. Every table is a pure function of the live transactions
 * and accounts, so a query on them returns exactly what the same query on the fact returns.
 *
 * - `fact`: every live transaction with the marts' extra columns (customer_id, day, is_spend,
 *   is_income, affects_balance), clustered by customer and account so that a customer or account
 *   filter reads a row group or two instead of every row.
 * - rollups (ROLLUPS): spend/income sums and counts per UTC day and a few dimensions.
 * - `recurring`: the is_recurring spend rows with a merchant (what recurringPayments reads).
 * - `recurringSummary`: one row per (merchant, category) of `recurring`, with what recurringPayments
 *   returns for the group over ALL its rows (recurring-query.ts, recurringSummaryColumns), so a
 *   call without a customer, account or date filter reads a few hundred rows instead of
 *   aggregating every recurring payment.
 * - `anomalies`: every spend row whose leave-one-out |z| reaches the threshold, with its statistics.
 */
export interface ServingTables {
  readonly fact: string;
  readonly accounts: string;
  readonly rollups: Readonly<Record<RollupName, string>>;
  readonly recurring: string;
  readonly recurringSummary: string;
  readonly anomalies: string;
}

/**
 * Each rollup's grouping columns besides `day` (DATE). Measures, for the rows of a group:
 * spend / spend_n (spend rows), income / income_n (income rows), counted_n (counted rows) and
 * n (every live row). Sums are of normalized_amount, exact DECIMAL(18,2), NULL when no row qualifies.
 */
export const ROLLUPS = {
  daily_category: ['category', 'subcategory', 'channel'],
  daily_merchant: ['category', 'subcategory', 'merchant'],
  daily_location: ['category', 'city', 'state', 'country'],
} as const satisfies Record<string, readonly string[]>;

export type RollupName = keyof typeof ROLLUPS;

/** The first rollup (smallest first) holding every column in `columns`. */
export function rollupFor(serving: ServingTables, columns: readonly string[]): string {
  for (const name of Object.keys(ROLLUPS) as RollupName[]) {
    const keys: readonly string[] = ROLLUPS[name];
    if (columns.every((c) => keys.includes(c))) return serving.rollups[name];
  }
  throw new Error(`no rollup groups by ${columns.join(', ')}`);
}

/**
 * The rollups keep no customer or account, so they answer only when neither is filtered; the
 * other filters (category, from/to days) are rollup columns.
 */
export function rollupServes(serving: ServingTables | undefined, filters: MetricFilters): serving is ServingTables {
  return serving !== undefined && filters.customerId === undefined && filters.accountId === undefined;
}

/** The common filters on a rollup (no customer/account: see rollupServes), as WHERE conditions. */
export function rollupFilterConditions(filters: MetricFilters, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filters.category !== undefined) conditions.push(`category = ${params.add(filters.category)}`);
  if (filters.from !== undefined) conditions.push(`day >= CAST(${params.add(filters.from)} AS DATE)`);
  if (filters.to !== undefined) conditions.push(`day < CAST(${params.add(nextDay(filters.to))} AS DATE)`);
  return conditions;
}

/**
 * The SELECT that computes rollup `name` from a fact with the serving columns (customer_id,
 * day, is_spend, is_income), optionally for some days only (`dayCondition` over `day`).
 */
export function rollupSelectSql(name: RollupName, fact: string, dayCondition = 'TRUE'): string {
  const keys = ['day', ...ROLLUPS[name]].join(', ');
  // DECIMAL(18,2) (a 64-bit integer inside) rather than the DECIMAL(38,2) a sum yields: DuckDB
  // sums 128-bit decimals several times slower, and one day's group never nears 10^16 cents
  // (an overflow would be an error, not a wrong figure).
  const sum = (flag: string) => `CAST(sum(normalized_amount) FILTER (WHERE ${flag}) AS DECIMAL(18,2))`;
  return `SELECT ${keys},
      ${sum('is_spend')} AS spend, count(*) FILTER (WHERE is_spend) AS spend_n,
      ${sum('is_income')} AS income, count(*) FILTER (WHERE is_income) AS income_n,
      count(*) FILTER (WHERE is_spend OR is_income) AS counted_n, count(*) AS n
    FROM ${fact} WHERE ${dayCondition}
    GROUP BY ${keys}`;
}
