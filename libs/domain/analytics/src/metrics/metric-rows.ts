/** Money as the house convention: a decimal string with two fraction digits ("12.30"). */
export type Money = string;

/** spendByPeriod: one row per period that has counted rows; `period` is its first day. */
export interface PeriodSpendRow {
  period: string;
  spend: Money;
  income: Money;
  net: Money;
  count: number;
}

export interface CategorySpendRow {
  category: string;
  /** null at level 'category', and for rows without a subcategory at level 'subcategory'. */
  subcategory: string | null;
  spend: Money;
  count: number;
}

/** spendByCategoryOverTime: spend of one category in one period (`period` = its first day). */
export interface CategoryPeriodSpendRow {
  period: string;
  category: string;
  spend: Money;
  count: number;
}

export interface MerchantSpendRow {
  merchant: string;
  spend: Money;
  count: number;
}

export interface ChannelSpendRow {
  channel: string;
  spend: Money;
  count: number;
}

export interface LocationSpendRow {
  /** The city, state or country (per `level`); null when the rows have none (e.g. online). */
  location: string | null;
  /** The country the city/state is in (equal to location at level 'country'). */
  country: string | null;
  spend: Money;
  count: number;
}

export interface CashflowRow {
  /** YYYY-MM */
  month: string;
  income: Money;
  spend: Money;
  net: Money;
  count: number;
}

export interface RecurringPaymentRow {
  merchant: string;
  category: string;
  payments: number;
  months_seen: number;
  customers: number;
  /** The median payment (the lower middle value for an even count). */
  typical_amount: Money;
  total: Money;
  /** Day of the latest payment. */
  last_date: string;
}

export interface BalanceRow {
  date: string;
  /** End-of-day balance in the account currency. */
  balance: Money;
  currency: string;
}

export interface AnomalyRow {
  tx_id: string;
  occurred_at: string;
  customer_id: string | null;
  account_id: string;
  merchant: string | null;
  category: string;
  amount: Money;
  /** Mean of the customer's other spend rows in this category (half-even to the cent). */
  mean: Money;
  /** (amount - mean) / sample stddev of those other rows. */
  z_score: number;
  /** How many other rows the mean and stddev come from. */
  observations: number;
}

export interface MonthOverMonthRow {
  category: string;
  spend: Money;
  previous_spend: Money;
  change: Money;
  /** Percent change, 2 decimals; null when the previous month had no spend. */
  pct_change: number | null;
}

export interface SearchRow {
  kind: 'merchant' | 'category' | 'subcategory';
  value: string;
  /** The category a merchant or subcategory belongs to (the smallest, when several); null for categories. */
  category: string | null;
  /** Every live transaction with this value. */
  count: number;
  spend: Money;
}

export interface MonthFigures {
  month: string;
  spend: Money;
  income: Money;
  net: Money;
  count: number;
}

export interface Kpis extends MonthFigures {
  previous: MonthFigures;
  change: { spend: Money; income: Money; net: Money; count: number; spend_pct: number | null; income_pct: number | null };
}

export interface SyncedTable {
  table: string;
  /** The stored horizon (xid8) as a decimal string. */
  horizon: string;
  /** The highest _change_seq loaded, as a decimal string. */
  max_change_seq: string | null;
  updated_at: string;
}

export interface DataAsOf {
  /** When the last sync batch was written (the newest `_sync_state.updated_at`); null if never synced. */
  last_sync_at: string | null;
  tables: SyncedTable[];
  latest_transaction_at: string | null;
  /** Which relations answer the metric queries. */
  source: 'marts' | 'raw' | 'serving';
}

export interface RelationColumn {
  name: string;
  type: string;
}

export interface RelationDescription {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: RelationColumn[];
}

export interface SchemaDescription {
  relations: RelationDescription[];
}

export interface StoreStats {
  relations: Array<{ relation: string; rows: number }>;
  transactions: { live: number; deleted: number; first_at: string | null; last_at: string | null };
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ReadOnlyQueryResult {
  /** The statement as run (with its row limit). */
  sql: string;
  columns: RelationColumn[];
  rows: Array<Record<string, JsonValue>>;
  /** True when the query had more than `maxRows` rows and only the first `maxRows` are here. */
  truncated: boolean;
  maxRows: number;
}
