import type { AnalyticsStore } from '@ledgerline/analytics';
import { z } from 'zod';
import type { DashboardFilters } from './dashboard-filters.ts';
import { badRequest } from './http-error.ts';

/** What the filter bar offers, and what every request's filters are checked against. */
export interface FilterOptions {
  customers: Array<{ customer_id: string; name: string }>;
  accounts: Array<{ account_id: string; customer_id: string; account_type: string; currency: string }>;
  categories: string[];
  /** First and last day with a live transaction (UTC); null on an empty store. */
  first_day: string | null;
  last_day: string | null;
}

const MAX_ROWS = 100_000;
const customerRow = z.object({ customer_id: z.string(), name: z.string() });
const accountRow = z.object({ account_id: z.string(), customer_id: z.string(), account_type: z.string(), currency: z.string() });
const categoryRow = z.object({ category: z.string() });

/**
 * Reads the options from the RAW tables (present in every analytics file, marts or not; the
 * tombstones are left out). Read-only SQL through the store, so the same guard applies.
 */
export async function loadFilterOptions(store: AnalyticsStore): Promise<FilterOptions> {
  const query = async <T>(sql: string, row: z.ZodType<T>): Promise<T[]> =>
    z.array(row).parse((await store.runReadOnlySql(sql, { maxRows: MAX_ROWS })).rows);
  const [customers, accounts, categories, stats] = await Promise.all([
    query('SELECT customer_id, name FROM raw.customers WHERE NOT _deleted ORDER BY customer_id', customerRow),
    query('SELECT account_id, customer_id, account_type, currency FROM raw.accounts WHERE NOT _deleted ORDER BY account_id', accountRow),
    query('SELECT DISTINCT category FROM raw.transactions WHERE NOT _deleted ORDER BY category', categoryRow),
    store.stats(),
  ]);
  const dayOf = (at: string | null) => (at ? new Date(at).toISOString().slice(0, 10) : null);
  return {
    customers,
    accounts,
    categories: categories.map((c) => c.category),
    first_day: dayOf(stats.transactions.first_at),
    last_day: dayOf(stats.transactions.last_at),
  };
}

/** Unknown ids, or an account of another customer, are a 400 (a typo should not show empty charts). */
export function checkKnownFilters(filters: Pick<DashboardFilters, 'customer' | 'account' | 'category'>, options: FilterOptions): void {
  if (filters.customer !== undefined && !options.customers.some((c) => c.customer_id === filters.customer)) {
    throw badRequest(`unknown customer ${filters.customer}`);
  }
  if (filters.account !== undefined) {
    const account = options.accounts.find((a) => a.account_id === filters.account);
    if (!account) throw badRequest(`unknown account ${filters.account}`);
    if (filters.customer !== undefined && account.customer_id !== filters.customer) {
      throw badRequest(`account ${filters.account} does not belong to customer ${filters.customer}`);
    }
  }
  if (filters.category !== undefined && !options.categories.includes(filters.category)) {
    throw badRequest(`unknown category ${filters.category}`);
  }
}
