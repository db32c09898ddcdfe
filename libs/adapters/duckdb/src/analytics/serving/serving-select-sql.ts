import {
  ANOMALY_Z_THRESHOLD,
  anomalyScoresSql,
  METRIC_DEFINITIONS_SQL,
  recurringSummarySelectSql,
  servingSource,
  tableSource,
} from '@ledgerline/analytics';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';
import { DUCKDB_DIALECT } from '../duckdb-dialect.ts';
import { servingTables } from './serving-schema.ts';

/**
 * The SELECTs the serving tables are made of (serving-tables.ts in @ledgerline/analytics), shared
 * by the full build and the incremental refresh so that both derive every row the same way.
 */

/** RAW's transactions and accounts (or a table of RAW-shaped transaction rows), tombstones filtered out. */
export function rawSource(raw: string, transactions = `${q(raw)}.transactions`) {
  return tableSource('raw', { transactions, accounts: `${q(raw)}.accounts`, tombstones: true, dialect: DUCKDB_DIALECT });
}

/**
 * The fact's rows from RAW-shaped `transactions` (default RAW itself): live transactions with
 * customer_id, day and the definitions' flags.
 */
export function factSelect(raw: string, transactions?: string): string {
  const d = METRIC_DEFINITIONS_SQL;
  return `SELECT *, ${d.spend} AS is_spend, ${d.income} AS is_income, ${d.movesBalance} AS affects_balance
    FROM ${rawSource(raw, transactions).transactions({ withCustomer: true })} AS t`;
}

/** The `recurring` table's rows of a fact-shaped relation. */
export function recurringSelect(fact: string): string {
  return `SELECT tx_id, occurred_at, day, customer_id, account_id, merchant, category, normalized_amount
    FROM ${fact} WHERE is_spend AND is_recurring AND merchant IS NOT NULL`;
}

/**
 * The recurringSummary rows: per (merchant, category) of the recurring rows (those `whereClause`
 * keeps), the aggregates of recurringPayments with the same expressions as recurringSummaryColumns
 * in @ledgerline/analytics (the contract suite checks the two paths give the same answers).
 */
export function recurringSummarySelect(recurring: string, whereClause = ''): string {
  return `${recurringSummarySelectSql(DUCKDB_DIALECT, recurring, whereClause)} ORDER BY merchant, category`;
}

/** The flagged spend rows of the population (conditions over the serving fact's transactions, e.g. some customers). */
export function anomaliesSelect(schema: string, population: readonly string[]): string {
  const ctx = { dialect: DUCKDB_DIALECT, source: servingSource(servingTables(schema)) };
  return `SELECT * FROM (${anomalyScoresSql(ctx, population)}) AS scored WHERE abs(z) >= ${ANOMALY_Z_THRESHOLD}`;
}
