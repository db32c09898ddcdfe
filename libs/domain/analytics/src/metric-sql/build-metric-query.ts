import type { z } from 'zod';
import { METRIC_CATALOG, type MetricName } from '../metrics/metric-catalog.ts';
import type {
  AnomalyRow,
  BalanceRow,
  CashflowRow,
  CategoryPeriodSpendRow,
  CategorySpendRow,
  ChannelSpendRow,
  Kpis,
  LocationSpendRow,
  MerchantSpendRow,
  MonthOverMonthRow,
  PeriodSpendRow,
  RecurringPaymentRow,
  SearchRow,
} from '../metrics/metric-rows.ts';
import { anomaliesQuery } from './anomaly-query.ts';
import { balancesOverTimeQuery } from './balance-query.ts';
import type { MetricQuery, MetricSqlContext } from './metric-query.ts';
import { kpisQuery, monthOverMonthQuery } from './month-queries.ts';
import { recurringPaymentsQuery } from './recurring-query.ts';
import { searchQuery } from './search-query.ts';
import {
  cashflowQuery,
  spendByCategoryOverTimeQuery,
  spendByCategoryQuery,
  spendByChannelQuery,
  spendByLocationQuery,
  spendByPeriodQuery,
  topMerchantsQuery,
} from './spend-queries.ts';

type Catalog = typeof METRIC_CATALOG;
/** What the port's method for metric N takes and returns. */
export type MetricInput<N extends MetricName> = z.input<Catalog[N]['params']>;
export type MetricOutput<N extends MetricName> = MetricOutputs[N];

/** What each metric returns (the port's return types, spelled out so generic code can name them). */
export interface MetricOutputs {
  spendByPeriod: PeriodSpendRow[];
  spendByCategory: CategorySpendRow[];
  spendByCategoryOverTime: CategoryPeriodSpendRow[];
  topMerchants: MerchantSpendRow[];
  spendByChannel: ChannelSpendRow[];
  spendByLocation: LocationSpendRow[];
  cashflow: CashflowRow[];
  recurringPayments: RecurringPaymentRow[];
  balancesOverTime: BalanceRow[];
  anomalies: AnomalyRow[];
  monthOverMonth: MonthOverMonthRow[];
  search: SearchRow[];
  kpis: Kpis;
}

type Builders = { [N in MetricName]: (ctx: MetricSqlContext, params: z.output<Catalog[N]['params']>) => MetricQuery<MetricOutput<N>> };

const BUILDERS: Builders = {
  spendByPeriod: spendByPeriodQuery,
  spendByCategory: spendByCategoryQuery,
  spendByCategoryOverTime: spendByCategoryOverTimeQuery,
  topMerchants: topMerchantsQuery,
  spendByChannel: spendByChannelQuery,
  spendByLocation: spendByLocationQuery,
  cashflow: cashflowQuery,
  recurringPayments: recurringPaymentsQuery,
  balancesOverTime: balancesOverTimeQuery,
  anomalies: anomaliesQuery,
  monthOverMonth: monthOverMonthQuery,
  search: searchQuery,
  kpis: kpisQuery,
};

/**
 * Validates `params` with the metric's schema (throws a ZodError naming the bad field) and
 * builds its SQL for the dialect and source. Adapters run the SQL and call `decode` on the rows.
 */
export function buildMetricQuery<N extends MetricName>(
  ctx: MetricSqlContext,
  name: N,
  params: MetricInput<N> | undefined,
): MetricQuery<MetricOutput<N>> {
  const schema: z.ZodType = METRIC_CATALOG[name].params;
  const parsed = schema.parse(params ?? {}) as z.output<Catalog[N]['params']>;
  return BUILDERS[name](ctx, parsed);
}
