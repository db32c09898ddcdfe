import { decimalToCents, type AnalyticsStore } from '@ledgerline/analytics';
import { fromCents } from '@ledgerline/transactions';

export type SeriesGrain = 'month' | 'week';

export interface CategorySeries {
  grain: SeriesGrain;
  /** First day of every period in the range, oldest first (the x axis, gaps included). */
  periods: string[];
  /** One series per category with spend in the range, largest total first; values per period. */
  series: Array<{ category: string; total: string; values: string[] }>;
}

const DAY_MS = 86_400_000;
/** More bars than this make an unreadable chart; the API refuses (choose a coarser grain). */
export const MAX_PERIODS = 160;

/** The period a day falls in: the first of its month, or its Monday (ISO weeks, as spendByPeriod). */
export function periodStart(day: string, grain: SeriesGrain): string {
  if (grain === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00.000Z`);
  return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** Every period start from the one holding `from` to the one holding `to`. */
export function periodsBetween(from: string, to: string, grain: SeriesGrain): string[] {
  const periods: string[] = [];
  const last = periodStart(to, grain);
  let current = new Date(`${periodStart(from, grain)}T00:00:00.000Z`);
  for (let iso = current.toISOString().slice(0, 10); iso <= last; iso = current.toISOString().slice(0, 10)) {
    periods.push(iso);
    if (periods.length > MAX_PERIODS) break;
    current = grain === 'month' ? new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() + 1, 1)) : new Date(current.getTime() + 7 * DAY_MS);
  }
  return periods;
}

interface SeriesFilters {
  customerId?: string;
  accountId?: string;
  category?: string;
  from: string;
  to: string;
}

/**
 * Spend per category per period, for the stacked bars. The store has spend by category (no time)
 * and spend by period (one category at a time), so this asks spendByCategory for the categories
 * and then spendByPeriod once per category: a handful of prepared queries, whatever the range.
 */
export async function categorySeries(store: AnalyticsStore, filters: SeriesFilters, grain: SeriesGrain): Promise<CategorySeries> {
  const periods = periodsBetween(filters.from, filters.to, grain);
  const categories = await store.spendByCategory({ ...filters, level: 'category' });
  const series = [];
  for (const { category, spend } of categories) {
    const rows = await store.spendByPeriod({ ...filters, category, grain });
    const byPeriod = new Map(rows.map((row) => [row.period, row.spend]));
    series.push({ category, total: fromCents(decimalToCents(spend)), values: periods.map((p) => byPeriod.get(p) ?? '0.00') });
  }
  return { grain, periods, series };
}
