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
 * Spend per category per period, for the stacked bars. The store has spend by category (no time)
 * and spend by period (one category at a time), so this asks spendByCategory for the ranking and
 * spendByPeriod once per category: one query per category, whatever the range.
 */
export async function categorySeries(store: AnalyticsStore, filters: SeriesFilters, grain: SeriesGrain): Promise<CategorySeries> {
  const periods = periodsBetween(filters.from, filters.to, grain);
  const ranked = await store.spendByCategory({ ...filters, level: 'category' });
  const drawn = ranked.slice(0, MAX_CATEGORY_SERIES);
  const perPeriod = async (category: string) => {
    const rows = await store.spendByPeriod({ ...filters, category, grain });
    const byPeriod = new Map(rows.map((row) => [row.period, decimalToCents(row.spend)]));
    return periods.map((p) => byPeriod.get(p) ?? 0n);
  };
  const series: Array<{ category: string; totalCents: bigint; cents: bigint[] }> = [];
  for (const { category, spend } of drawn) series.push({ category, totalCents: decimalToCents(spend), cents: await perPeriod(category) });
  const rest = ranked.slice(MAX_CATEGORY_SERIES);
  if (rest.length > 0) {
    // The sum of the remaining categories' own series, not "all spend minus the drawn ones":
    // spendByPeriod counts only rows that move money (no transfers), spendByCategory all spend.
    const cents = periods.map(() => 0n);
    for (const { category } of rest) (await perPeriod(category)).forEach((value, i) => (cents[i] = (cents[i] ?? 0n) + value));
    series.push({ category: OTHER_SERIES, totalCents: rest.reduce((sum, r) => sum + decimalToCents(r.spend), 0n), cents });
  }
  return {
    grain,
    periods,
    series: series.map((s) => ({ category: s.category, total: fromCents(s.totalCents), values: s.cents.map(fromCents) })),
  };
}
