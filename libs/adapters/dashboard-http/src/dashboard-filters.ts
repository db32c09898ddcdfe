import { isoDaySchema } from '@ledgerline/analytics';
import { z } from 'zod';
import { badRequest } from './http-error.ts';

/** A date range longer than this is refused: nobody reads it, and it is usually a typo (20226-01-01). */
export const MAX_RANGE_YEARS = 10;
const MAX_RANGE_DAYS = MAX_RANGE_YEARS * 366;
const DAY_MS = 86_400_000;

// Empty query values (`?category=`) mean "no filter", as an HTML form sends them.
const optionalText = (max: number) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().min(1).max(max).optional());
const optionalDay = z.preprocess((value) => (value === '' ? undefined : value), isoDaySchema.optional());

/** The filters every endpoint takes from the query string (names as the page sends them). */
export const dashboardFiltersSchema = z
  .object({
    customer: optionalText(40),
    account: optionalText(40),
    from: optionalDay,
    to: optionalDay,
    category: optionalText(60),
  })
  .superRefine((value, ctx) => {
    if (value.from === undefined || value.to === undefined) return;
    if (value.from > value.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `from ${value.from} is after to ${value.to}` });
      return;
    }
    const days = (Date.parse(value.to) - Date.parse(value.from)) / DAY_MS;
    if (days > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the range ${value.from}..${value.to} is longer than ${MAX_RANGE_YEARS} years` });
    }
  });

export type DashboardFilters = z.output<typeof dashboardFiltersSchema>;

/** The filters under the names the AnalyticsStore takes. */
export function toMetricFilters(filters: DashboardFilters) {
  return {
    ...(filters.customer ? { customerId: filters.customer } : {}),
    ...(filters.account ? { accountId: filters.account } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.category ? { category: filters.category } : {}),
  };
}

/** One readable line from a zod error: `from: from 2026-03-01 is after to 2026-01-01; limit: ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/** Parses `schema` from query parameters, or throws the message the API answers 400 with. */
export function parseQuery<S extends z.ZodType>(schema: S, query: URLSearchParams): z.output<S> {
  const result = schema.safeParse(Object.fromEntries(query));
  if (!result.success) throw badRequest(describeIssues(result.error));
  return result.data;
}

