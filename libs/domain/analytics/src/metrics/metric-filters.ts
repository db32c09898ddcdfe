import { z } from 'zod';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
function isCalendarDate(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** A calendar day, `YYYY-MM-DD`; days are UTC days of `occurred_at` everywhere in analytics. */
export const isoDaySchema = z.string().refine(isCalendarDate, 'expected a calendar date YYYY-MM-DD');
/** A calendar month, `YYYY-MM`. */
export const isoMonthSchema = z.string().regex(MONTH_PATTERN, 'expected a month YYYY-MM');

/**
 * Filters every metric query accepts. `from` and `to` are inclusive UTC days of `occurred_at`.
 * Ids and category are matched exactly (use `search` to find the exact spelling).
 */
export const filterShape = {
  customerId: z.string().min(1).max(40).optional(),
  accountId: z.string().min(1).max(40).optional(),
  from: isoDaySchema.optional(),
  to: isoDaySchema.optional(),
  category: z.string().min(1).max(60).optional(),
};

export interface MetricFilters {
  customerId?: string | undefined;
  accountId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
}

/** Adds "from must not be after to" to a params schema (ISO days compare as strings). */
export function checkDayRange(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.from !== undefined && value.to !== undefined && value.from > value.to) {
    ctx.addIssue({ code: 'custom', message: `from ${value.from} is after to ${value.to}`, path: ['from'] });
  }
}

export const metricFiltersSchema = z.strictObject(filterShape).superRefine(checkDayRange);

/** First day of the month, first day of the previous month and first day of the next month. */
export function monthBounds(month: string): { previousStart: string; start: string; nextStart: string; previous: string } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  const year = Number(match[1]);
  const month0 = Number(match[2]) - 1;
  const iso = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1)).toISOString().slice(0, 10);
  const previousStart = iso(year, month0 - 1);
  return { previousStart, start: iso(year, month0), nextStart: iso(year, month0 + 1), previous: previousStart.slice(0, 7) };
}
