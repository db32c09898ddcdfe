/**
 * Where the metric SQL reads transactions and accounts from, as subqueries yielding the
 * canonical columns below. Three sources exist: the warehouse RAW tables (tombstones filtered
 * out), the dbt marts (fct_transactions, dim_account) and the operational Postgres tables (for
 * reconciliation and the Postgres side of the benchmark).
 */
export interface TransactionSource {
  readonly kind: 'raw' | 'marts' | 'postgres';
  /**
   * A subquery with TRANSACTION_COLUMNS (+ customer_id when `withCustomer`): live rows only.
   * customer_id costs a join on RAW and Postgres, so metrics ask for it only when they need it.
   */
  transactions(options: { withCustomer: boolean }): string;
  /** A subquery with account_id, customer_id, currency, balance: live rows only. */
  accounts(): string;
}

/** The transaction columns every source yields (the RAW contract / domain names). */
export const TRANSACTION_COLUMNS = [
  'tx_id',
  'account_id',
  'occurred_at',
  'amount',
  'direction',
  'txn_type',
  'currency',
  'normalized_amount',
  'merchant',
  'mcc',
  'category',
  'subcategory',
  'channel',
  'description',
  'city',
  'state',
  'country',
  'is_recurring',
  'status',
  'related_account_id',
  'source',
  'source_ref',
] as const;

const list = (alias: string) => TRANSACTION_COLUMNS.map((c) => `${alias}.${c}`).join(', ');

export interface TableSourceOptions {
  /** e.g. `raw.transactions` (already quoted as needed). */
  readonly transactions: string;
  readonly accounts: string;
  /** RAW tables keep tombstones (`_deleted`); Postgres tables do not. */
  readonly tombstones: boolean;
}

/** Transactions and accounts tables (RAW or Postgres): customer_id comes from a join on accounts. */
export function tableSource(kind: 'raw' | 'postgres', options: TableSourceOptions): TransactionSource {
  const live = (alias: string) => (options.tombstones ? ` WHERE NOT ${alias}._deleted` : '');
  return {
    kind,
    transactions: ({ withCustomer }) =>
      withCustomer
        ? `(SELECT ${list('t')}, a.customer_id FROM ${options.transactions} t LEFT JOIN ${options.accounts} a ON a.account_id = t.account_id${
            options.tombstones ? ' AND NOT a._deleted' : ''
          }${live('t')})`
        : `(SELECT ${list('t')} FROM ${options.transactions} t${live('t')})`,
    accounts: () => `(SELECT a.account_id, a.customer_id, a.currency, a.balance FROM ${options.accounts} a${live('a')})`,
  };
}

export interface MartsSourceOptions {
  /** The enriched fact, e.g. `marts.fct_transactions`: the transaction columns plus customer_id. */
  readonly fact: string;
  /** e.g. `marts.dim_account`: account_id, customer_id, currency, balance. */
  readonly accounts: string;
}

/** The dbt marts: the fact already carries customer_id, so no join is needed. */
export function martsSource(options: MartsSourceOptions): TransactionSource {
  return {
    kind: 'marts',
    transactions: ({ withCustomer }) => `(SELECT ${list('f')}${withCustomer ? ', f.customer_id' : ''} FROM ${options.fact} f)`,
    accounts: () => `(SELECT d.account_id, d.customer_id, d.currency, d.balance FROM ${options.accounts} d)`,
  };
}
