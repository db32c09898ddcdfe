import { TRANSACTION_FIELDS, type Transaction } from '@ledgerline/transactions';
import type { ServingTables } from './serving-tables.ts';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Where the metric SQL reads transactions and accounts from, as subqueries yielding the
 * canonical columns below. Three sources exist: the warehouse RAW tables (tombstones filtered
 * out), the dbt marts (fct_transactions, dim_account) and the operational Postgres tables (for
 * reconciliation and the Postgres side of the benchmark).
 */
export interface TransactionSource {
  readonly kind: 'raw' | 'marts' | 'postgres' | 'serving';
  /**
   * A subquery with TRANSACTION_COLUMNS plus `day` (the UTC day of occurred_at, DATE), and
   * customer_id when `withCustomer`: live rows only. customer_id costs a join on RAW and
   * Postgres, so metrics ask for it only when they output or group by it.
   */
  transactions(options: { withCustomer: boolean }): string;
  /** A condition on the transactions subquery selecting one customer's rows (`param` is its placeholder). */
  customerCondition(param: string): string;
  /** A subquery with account_id, customer_id, currency, balance: live rows only. */
  accounts(): string;
  /**
   * Precomputed flag columns of the transactions subquery that replace the definitions'
   * string comparisons (metric-definitions.ts), e.g. dbt's is_spend; unset = compare strings.
   */
  readonly flags?: SourceFlags;
  /** Derived tables (rollups, precomputed anomalies) the metric SQL may read instead of scanning the fact. */
  readonly serving?: ServingTables;
}

/** Boolean SQL over the transactions subquery, equivalent to the metric definitions. */
export interface SourceFlags {
  readonly counted: string;
  readonly spend: string;
  readonly income: string;
  readonly movesBalance: string;
}

/** The transaction columns every source yields (the RAW contract / domain names), derived from the zod schema. */
export const TRANSACTION_COLUMNS: readonly TransactionColumn[] = TRANSACTION_FIELDS;

type TransactionColumn = keyof Transaction;
/** What the marts source reads from the fact: the transaction columns, the day, the customer and dbt's flags. */
type FactColumn = TransactionColumn | 'customer_id' | 'day' | 'is_spend' | 'is_income' | 'affects_balance';
const FLAG_COLUMNS = ['is_spend', 'is_income', 'affects_balance'] as const;

export interface TableSourceOptions {
  /** e.g. `raw.transactions` (already quoted as needed). */
  readonly transactions: string;
  readonly accounts: string;
  /** RAW tables keep tombstones (`_deleted`); Postgres tables do not. */
  readonly tombstones: boolean;
  /** Computes `day` from occurred_at. */
  readonly dialect: SqlDialect;
}

const list = (alias: string) => TRANSACTION_COLUMNS.map((c) => `${alias}.${c}`).join(', ');

/**
 * Transactions and accounts tables (RAW or Postgres): customer_id comes from a join on accounts
 * when it is needed as a column; a customer filter alone is a semi-join on the (small) accounts
 * table instead, which spares joining every transaction.
 */
export function tableSource(kind: 'raw' | 'postgres', options: TableSourceOptions): TransactionSource {
  const live = (alias: string) => (options.tombstones ? `NOT ${alias}._deleted` : 'TRUE');
  const day = `${options.dialect.utcDay('t.occurred_at')} AS day`;
  return {
    kind,
    transactions: ({ withCustomer }) =>
      withCustomer
        ? `(SELECT ${list('t')}, ${day}, a.customer_id FROM ${options.transactions} t
             LEFT JOIN ${options.accounts} a ON a.account_id = t.account_id AND ${live('a')} WHERE ${live('t')})`
        : `(SELECT ${list('t')}, ${day} FROM ${options.transactions} t WHERE ${live('t')})`,
    customerCondition: (param) => `account_id IN (SELECT a.account_id FROM ${options.accounts} a WHERE a.customer_id = ${param} AND ${live('a')})`,
    accounts: () => `(SELECT a.account_id, a.customer_id, a.currency, a.balance FROM ${options.accounts} a WHERE ${live('a')})`,
  };
}

/** The canonical columns a source may name differently (canonical name -> source column). */
export type ColumnNames<C extends string> = Partial<Record<C, string>>;

/**
 * How Ledgerline's dbt project names things (dbt/models/marts/core): fct_transactions calls the
 * place columns merchant_city/state/country and the lineage ingestion_source/ref, and carries
 * the UTC day as occurred_date; dim_account has account_currency and current_balance.
 */
export const DBT_FACT_COLUMNS: ColumnNames<FactColumn> = {
  city: 'merchant_city',
  state: 'merchant_state',
  country: 'merchant_country',
  source: 'ingestion_source',
  source_ref: 'ingestion_ref',
  day: 'occurred_date',
};
export const DBT_ACCOUNT_COLUMNS: ColumnNames<'account_id' | 'customer_id' | 'currency' | 'balance'> = {
  currency: 'account_currency',
  balance: 'current_balance',
};

export interface MartsSourceOptions {
  /** The enriched fact, e.g. `marts.fct_transactions`: the transaction columns, the day and customer_id. */
  readonly fact: string;
  /** e.g. `marts.dim_account`: account_id, customer_id, currency, balance. */
  readonly accounts: string;
  /** Default DBT_FACT_COLUMNS. */
  readonly factColumns?: ColumnNames<FactColumn>;
  /** Default DBT_ACCOUNT_COLUMNS. */
  readonly accountColumns?: ColumnNames<'account_id' | 'customer_id' | 'currency' | 'balance'>;
}

const renamed = <C extends string>(alias: string, columns: readonly C[], names: ColumnNames<C>) =>
  columns.map((c) => (names[c] && names[c] !== c ? `${alias}.${names[c]} AS ${c}` : `${alias}.${c}`)).join(', ');

/**
 * The dbt marts: the fact already carries customer_id, the day and dbt's is_spend / is_income /
 * affects_balance (the same definitions: DEBIT/CREDIT, not TRANSFER, POSTED or PENDING), so no
 * join, no per-row date math and no string comparisons.
 */
export function martsSource(options: MartsSourceOptions): TransactionSource {
  const factColumns = options.factColumns ?? DBT_FACT_COLUMNS;
  const accountColumns = options.accountColumns ?? DBT_ACCOUNT_COLUMNS;
  return {
    kind: 'marts',
    // customer_id is a plain column of the fact, so it is always selected and filtered directly.
    transactions: () =>
      `(SELECT ${renamed('f', [...TRANSACTION_COLUMNS, 'day', 'customer_id', ...FLAG_COLUMNS] as const, factColumns)} FROM ${options.fact} f)`,
    customerCondition: (param) => `customer_id = ${param}`,
    flags: { counted: '(is_spend OR is_income)', spend: 'is_spend', income: 'is_income', movesBalance: 'affects_balance' },
    accounts: () => `(SELECT ${renamed('d', ['account_id', 'customer_id', 'currency', 'balance'] as const, accountColumns)} FROM ${options.accounts} d)`,
  };
}

/**
 * The serving layer (serving-tables.ts): a fact with the marts' columns under their canonical
 * names, clustered by customer, plus rollups and precomputed tables the metric SQL prefers
 * whenever they can answer.
 */
export function servingSource(serving: ServingTables): TransactionSource {
  const marts = martsSource({ fact: serving.fact, accounts: serving.accounts, factColumns: {}, accountColumns: {} });
  return { ...marts, kind: 'serving', serving };
}
