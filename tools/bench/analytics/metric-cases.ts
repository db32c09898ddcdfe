import type { AnalyticsMetrics } from '@ledgerline/analytics';

/** One dashboard-style metric call, named for the report. */
export interface MetricCase {
  readonly name: string;
  run(metrics: AnalyticsMetrics): Promise<unknown>;
}

/**
 * The dashboard's queries: overview figures and charts over everything, and per-customer or
 * per-account drill-downs. The ids are the generator's first customer and account, which exist
 * in every copy of the data (copies add suffixed ids).
 */
export function dashboardCases(ids: { customerId: string; accountId: string; month: string }): MetricCase[] {
  const { customerId, accountId, month } = ids;
  return [
    { name: 'kpis (month)', run: (m) => m.kpis({ month }) },
    { name: 'spendByPeriod month', run: (m) => m.spendByPeriod({ grain: 'month' }) },
    { name: 'spendByPeriod day, customer', run: (m) => m.spendByPeriod({ grain: 'day', customerId }) },
    { name: 'spendByCategory', run: (m) => m.spendByCategory({}) },
    { name: 'spendByCategoryOverTime month', run: (m) => m.spendByCategoryOverTime({ grain: 'month' }) },
    { name: 'topMerchants 10', run: (m) => m.topMerchants({ limit: 10 }) },
    { name: 'spendByChannel', run: (m) => m.spendByChannel({}) },
    { name: 'spendByLocation city', run: (m) => m.spendByLocation({ level: 'city' }) },
    { name: 'cashflow, customer', run: (m) => m.cashflow({ customerId }) },
    { name: 'recurringPayments', run: (m) => m.recurringPayments({}) },
    { name: 'balancesOverTime, account', run: (m) => m.balancesOverTime({ accountId }) },
    { name: 'anomalies 20, customer', run: (m) => m.anomalies({ limit: 20, customerId }) },
    { name: 'anomalies 20', run: (m) => m.anomalies({ limit: 20 }) },
    { name: 'monthOverMonth', run: (m) => m.monthOverMonth({ month }) },
    { name: 'search "gro"', run: (m) => m.search({ text: 'gro' }) },
  ];
}

/** Per-call wall time in ms after `warmup` unmeasured calls (the first call also prepares the statement). */
export async function timeCase(metrics: AnalyticsMetrics, c: MetricCase, iterations: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await c.run(metrics);
  const durations: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await c.run(metrics);
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return durations;
}
