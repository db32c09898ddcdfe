import { token } from '@ledgerline/di';
import type { MetricName } from './metric-catalog.ts';
import type {
  AnomaliesParams,
  BalancesOverTimeParams,
  CashflowParams,
  KpisParams,
  MonthOverMonthParams,
  RecurringPaymentsParams,
  SearchParams,
  SpendByCategoryOverTimeParams,
  SpendByCategoryParams,
  SpendByChannelParams,
  SpendByLocationParams,
  SpendByPeriodParams,
  TopMerchantsParams,
} from './metric-params.ts';
import type {
  AnomalyRow,
  BalanceRow,
  CashflowRow,
  CategoryPeriodSpendRow,
  CategorySpendRow,
  ChannelSpendRow,
  DataAsOf,
  Kpis,
  LocationSpendRow,
  MerchantSpendRow,
  MonthOverMonthRow,
  PeriodSpendRow,
  ReadOnlyQueryResult,
  RecurringPaymentRow,
  SchemaDescription,
  SearchRow,
  StoreStats,
} from './metric-rows.ts';

export interface ReadOnlySqlOptions {
  /** At most this many rows come back; `truncated` says whether there were more. */
  readonly maxRows: number;
  /** Only these relations (`schema.name`, lower case) may be read; unset = any relation. */
  readonly allowedRelations?: readonly string[];
  /** Interrupt the statement after this long (adapter default: 30 s). */
  readonly timeoutMs?: number;
}

/**
 * Named, parameterised metric queries over the analytics copy of the data (architecture §2).
 * Every method validates its params with the schema in metric-params.ts; money comes back as
 * decimal strings; definitions (spend, income, counted rows) are in metric-definitions.ts.
 * Rows are sorted deterministically (documented per metric in docs/analytics.md).
 */
export interface AnalyticsStore {
  spendByPeriod(params: SpendByPeriodParams): Promise<PeriodSpendRow[]>;
  spendByCategory(params?: SpendByCategoryParams): Promise<CategorySpendRow[]>;
  /** Spend per (period, category): what a stacked chart of categories over time needs, in one query. */
  spendByCategoryOverTime(params?: SpendByCategoryOverTimeParams): Promise<CategoryPeriodSpendRow[]>;
  topMerchants(params?: TopMerchantsParams): Promise<MerchantSpendRow[]>;
  spendByChannel(params?: SpendByChannelParams): Promise<ChannelSpendRow[]>;
  spendByLocation(params?: SpendByLocationParams): Promise<LocationSpendRow[]>;
  cashflow(params?: CashflowParams): Promise<CashflowRow[]>;
  recurringPayments(params?: RecurringPaymentsParams): Promise<RecurringPaymentRow[]>;
  balancesOverTime(params: BalancesOverTimeParams): Promise<BalanceRow[]>;
  anomalies(params?: AnomaliesParams): Promise<AnomalyRow[]>;
  monthOverMonth(params: MonthOverMonthParams): Promise<MonthOverMonthRow[]>;
  search(params: SearchParams): Promise<SearchRow[]>;
  kpis(params: KpisParams): Promise<Kpis>;
  /** Last sync time and watermarks: how fresh the answers are. */
  dataAsOf(): Promise<DataAsOf>;
  /** Relations and columns an ad-hoc query (or the agent) may read. */
  describeSchema(): Promise<SchemaDescription>;
  /** Row counts and the transaction date range. */
  stats(): Promise<StoreStats>;
  /** Runs one read-only SELECT after validateReadOnlySql; rejects with SqlRejectedError. */
  runReadOnlySql(sql: string, options: ReadOnlySqlOptions): Promise<ReadOnlyQueryResult>;
  close(): Promise<void>;
}

export const ANALYTICS_STORE = token<AnalyticsStore>('AnalyticsStore');

/** Just the parameterised metric queries (what runs on Postgres too, for comparisons). */
export type AnalyticsMetrics = Pick<AnalyticsStore, MetricName>;

/** The store cannot answer right now (file missing, locked by a writer, corrupt). */
export class AnalyticsUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnalyticsUnavailableError';
  }
}
