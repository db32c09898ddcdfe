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

/** Categories drawn one by one; the rest are summed into one "Other" series (a readable legend). */
export const MAX_CATEGORY_SERIES = 8;
// Not "Other": the categorisation has a category of that name.
export const OTHER_SERIES = 'All other categories';

/**
 * Spend per category per period, for the stacked bars, from ONE store query
 * (spendByCategoryOverTime). The ranking is the categories' totals over the range - the same
 * figures spendByCategory gives for these filters, summed here from the periods - largest
 * first, ties by name; categories past MAX_CATEGORY_SERIES are summed into one series.
 */
export async function categorySeries(store: AnalyticsStore, filters: SeriesFilters, grain: SeriesGrain): Promise<CategorySeries> {
  const periods = periodsBetween(filters.from, filters.to, grain);
  const index = new Map(periods.map((p, i) => [p, i]));
  const rows = await store.spendByCategoryOverTime({ ...filters, grain });
  const byCategory = new Map<string, { totalCents: bigint; cents: bigint[] }>();
  for (const row of rows) {
    const entry = byCategory.get(row.category) ?? { totalCents: 0n, cents: periods.map(() => 0n) };
    const cents = decimalToCents(row.spend);
    entry.totalCents += cents;
    const at = index.get(row.period);
    if (at !== undefined) entry.cents[at] = (entry.cents[at] ?? 0n) + cents;
    byCategory.set(row.category, entry);
  }
  const ranked = [...byCategory]
    .map(([category, entry]) => ({ category, ...entry }))
    .sort((a, b) => (a.totalCents === b.totalCents ? (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) : a.totalCents > b.totalCents ? -1 : 1));
  const series = ranked.slice(0, MAX_CATEGORY_SERIES);
  const rest = ranked.slice(MAX_CATEGORY_SERIES);
  if (rest.length > 0) {
    series.push({
      category: OTHER_SERIES,
      totalCents: rest.reduce((sum, r) => sum + r.totalCents, 0n),
      cents: periods.map((_, i) => rest.reduce((sum, r) => sum + (r.cents[i] ?? 0n), 0n)),
    });
  }
  return {
    grain,
    periods,
    series: series.map((s) => ({ category: s.category, total: fromCents(s.totalCents), values: s.cents.map(fromCents) })),
  };
}
