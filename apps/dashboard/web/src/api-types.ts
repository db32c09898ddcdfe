// The JSON the dashboard API answers with (see libs/adapters/dashboard-http/src/api-routes.ts).
// Money is a decimal string ("12.30"), as everywhere in Ledgerline.

export interface AsOf {
  last_sync_at: string | null;
  latest_transaction_at: string | null;
  source: 'marts' | 'raw' | 'serving';
}

export interface Envelope<T> {
  as_of: AsOf;
  data: T;
}

export interface FilterOptions {
  customers: Array<{ customer_id: string; name: string }>;
  accounts: Array<{ account_id: string; customer_id: string; account_type: string; currency: string }>;
  categories: string[];
  first_day: string | null;
  last_day: string | null;
}

export interface MonthFigures {
  month: string;
  spend: string;
  income: string;
  net: string;
  count: number;
}

export interface Kpis extends MonthFigures {
  previous: MonthFigures;
  change: { spend: string; income: string; net: string; count: number; spend_pct: number | null; income_pct: number | null };
}

export interface CategorySeries {
  grain: 'month' | 'week';
  periods: string[];
  series: Array<{ category: string; total: string; values: string[] }>;
}

export interface MerchantRow {
  merchant: string;
  spend: string;
  count: number;
}

export interface CashflowRow {
  month: string;
  income: string;
  spend: string;
  net: string;
  count: number;
}

export interface BalanceRow {
  date: string;
  balance: string;
  currency: string;
}

export interface RecurringRow {
  merchant: string;
  category: string;
  payments: number;
  months_seen: number;
  customers: number;
  typical_amount: string;
  total: string;
  last_date: string;
}

export interface AnomalyRow {
  tx_id: string;
  occurred_at: string;
  customer_id: string | null;
  account_id: string;
  merchant: string | null;
  category: string;
  amount: string;
  mean: string;
  z_score: number;
  observations: number;
}

// The health panel's job rows: one definition with the servers that send them (types only:
// nothing of the domain library is bundled).
import type { JobStatus } from '@ledgerline/pipeline/health';
export type { JobStatus };

export interface Health {
  last_sync_at: string | null;
  sync_lag_seconds: number | null;
  watermarks: Array<{ table: string; watermark: string | null; updated_at: string }>;
  latest_transaction_at: string | null;
  source: 'marts' | 'raw' | 'serving';
  pipeline: { state: 'known'; jobs: JobStatus[]; dlq_count: number | 'unknown' } | { state: 'unknown'; reason: string };
}

export type AnswerSource =
  | { kind: 'metric'; metric: string; params: Record<string, unknown> }
  | { kind: 'sql'; sql: string }
  | { kind: 'document'; id: string; title: string; score: number }
  | { kind: 'schema'; relations: number };

export interface AgentReply {
  model: string;
  session_id: string;
  answer: string;
  status: string;
  sql: string[];
  sources: AnswerSource[];
  toolCalls: Array<{ name: string; ok: boolean }>;
}
