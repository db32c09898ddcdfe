import { z } from 'zod';
import { checkDayRange, filterShape, isoDaySchema, isoMonthSchema } from './metric-filters.ts';

// One zod schema per metric query: adapters parse every call with it (the dashboard and the
// agent pass user input straight through), so a bad date or limit fails before any SQL runs.

const limit = (fallback: number, max: number) => z.number().int().min(1).max(max).default(fallback);
const withFilters = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ ...filterShape, ...shape }).superRefine((value, ctx) => checkDayRange(value as { from?: string; to?: string }, ctx));
// Month-based metrics define their own window, so they take every filter except from/to.
const { from: _from, to: _to, ...nonDateFilters } = filterShape;

export const spendByPeriodParamsSchema = withFilters({ grain: z.enum(['day', 'week', 'month']) });
export const spendByCategoryParamsSchema = withFilters({ level: z.enum(['category', 'subcategory']).default('category') });
export const spendByCategoryOverTimeParamsSchema = withFilters({ grain: z.enum(['day', 'week', 'month']).default('month') });
export const topMerchantsParamsSchema = withFilters({ limit: limit(10, 1000) });
export const spendByChannelParamsSchema = withFilters({});
export const spendByLocationParamsSchema = withFilters({ level: z.enum(['city', 'state', 'country']).default('country') });
export const cashflowParamsSchema = withFilters({});
export const recurringPaymentsParamsSchema = withFilters({ limit: limit(100, 1000) });
export const balancesOverTimeParamsSchema = z
  .strictObject({ accountId: z.string().min(1).max(40), from: isoDaySchema.optional(), to: isoDaySchema.optional() })
  .superRefine(checkDayRange);
export const anomaliesParamsSchema = withFilters({ limit: limit(20, 1000) });
export const monthOverMonthParamsSchema = z.strictObject({ ...nonDateFilters, month: isoMonthSchema });
export const searchParamsSchema = withFilters({ text: z.string().trim().min(1).max(100), limit: limit(20, 1000) });
export const kpisParamsSchema = z.strictObject({ ...nonDateFilters, month: isoMonthSchema });

export type SpendByPeriodParams = z.input<typeof spendByPeriodParamsSchema>;
export type SpendByCategoryParams = z.input<typeof spendByCategoryParamsSchema>;
export type SpendByCategoryOverTimeParams = z.input<typeof spendByCategoryOverTimeParamsSchema>;
export type TopMerchantsParams = z.input<typeof topMerchantsParamsSchema>;
export type SpendByChannelParams = z.input<typeof spendByChannelParamsSchema>;
export type SpendByLocationParams = z.input<typeof spendByLocationParamsSchema>;
export type CashflowParams = z.input<typeof cashflowParamsSchema>;
export type RecurringPaymentsParams = z.input<typeof recurringPaymentsParamsSchema>;
export type BalancesOverTimeParams = z.input<typeof balancesOverTimeParamsSchema>;
export type AnomaliesParams = z.input<typeof anomaliesParamsSchema>;
export type MonthOverMonthParams = z.input<typeof monthOverMonthParamsSchema>;
export type SearchParams = z.input<typeof searchParamsSchema>;
export type KpisParams = z.input<typeof kpisParamsSchema>;
