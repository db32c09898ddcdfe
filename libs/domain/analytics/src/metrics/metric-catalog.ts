import type { z } from 'zod';
import {
  anomaliesParamsSchema,
  balancesOverTimeParamsSchema,
  cashflowParamsSchema,
  kpisParamsSchema,
  monthOverMonthParamsSchema,
  recurringPaymentsParamsSchema,
  searchParamsSchema,
  spendByCategoryOverTimeParamsSchema,
  spendByCategoryParamsSchema,
  spendByChannelParamsSchema,
  spendByLocationParamsSchema,
  spendByPeriodParamsSchema,
  topMerchantsParamsSchema,
} from './metric-params.ts';

export interface MetricEntry {
  readonly description: string;
  readonly params: z.ZodType;
}

/**
 * Every parameterised metric of the AnalyticsStore with a one-line description and its params
 * schema: what a tool-calling agent or the dashboard lists (names equal the port's methods).
 */
export const METRIC_CATALOG = {
  spendByPeriod: { description: 'Spend, income, net and count per day, week (Monday) or month', params: spendByPeriodParamsSchema },
  spendByCategory: { description: 'Spend and count per category or subcategory, largest first', params: spendByCategoryParamsSchema },
  spendByCategoryOverTime: {
    description: 'Spend and count per category per day, week (Monday) or month, in one query',
    params: spendByCategoryOverTimeParamsSchema,
  },
  topMerchants: { description: 'Merchants with the most spend', params: topMerchantsParamsSchema },
  spendByChannel: { description: 'Spend and count per channel (card present, online, ATM, ...)', params: spendByChannelParamsSchema },
  spendByLocation: { description: 'Spend and count per city, state or country', params: spendByLocationParamsSchema },
  cashflow: { description: 'Income, spend and net per month', params: cashflowParamsSchema },
  recurringPayments: { description: 'Recurring debits per merchant seen in at least two months', params: recurringPaymentsParamsSchema },
  balancesOverTime: { description: 'End-of-day balance of one account per day', params: balancesOverTimeParamsSchema },
  anomalies: { description: 'Spend rows with |z| >= 3 within their customer and category', params: anomaliesParamsSchema },
  monthOverMonth: { description: 'Spend per category in a month vs the previous month', params: monthOverMonthParamsSchema },
  search: { description: 'Merchants, categories and subcategories containing a text', params: searchParamsSchema },
  kpis: { description: 'Spend, income, net and count of a month with the previous-month comparison', params: kpisParamsSchema },
} as const satisfies Record<string, MetricEntry>;

export type MetricName = keyof typeof METRIC_CATALOG;
export const METRIC_NAMES = Object.keys(METRIC_CATALOG) as MetricName[];
