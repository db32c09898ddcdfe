import { token } from '@ledgerline/di';
import type { Account, Company, Customer, CustomerCompany, Transaction } from '@ledgerline/transactions';
import type { AccountBalances } from './account-balances.port.ts';
import type { IngestedFile, StreamOffset, TransactionChangeInfo } from './store-records.ts';

/**
 * How many input rows an upsert inserted, changed, or found identical (and left alone).
 * inserted + updated + unchanged === rows.length.
 */
export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * A transaction with the version of its content, when its source has one: a stream event's
 * `produced_at` (ISO-8601). Stored content is only replaced by a version at least as new, so an
 * older event arriving late never overwrites a newer one; rows without a version (files, seed)
 * replace content as before.
 */
export type VersionedTransaction = Transaction & { version_at?: string | null };

export interface UpsertTransactionsOptions {
  /**
   * The ingestion time stamped on new rows (`ingested_at`) and on rows whose payload changed
   * (`updated_at`). Defaults to the database's transaction time.
   */
  ingestedAt?: Date;
  /**
   * What happens to a tx_id that is already stored. `update` (default): its payload is replaced
   * when it differs. `keep`: the stored row is left exactly as it is and counted `unchanged` (the
   * first source wins: batch statements carry fewer fields than the stream, so overwriting would
   * lose data); within one call the first occurrence of a tx_id wins.
   */
  onConflict?: 'update' | 'keep';
}

/**
 * Everything the store can do inside or outside a database transaction. The balance step
 * (AccountBalances) belongs inside the writer's `withTransaction`, after its upserts.
 */
export interface TransactionStoreOperations extends AccountBalances {
  upsertCustomers(rows: Customer[]): Promise<UpsertResult>;
  /** Accounts reference their customer: an unknown customer_id is a StoreConstraintError. */
  upsertAccounts(rows: Account[]): Promise<UpsertResult>;
  /** Companies (issue #18), idempotent by company_id like customers. */
  upsertCompanies(rows: Company[]): Promise<UpsertResult>;
  /** Customer-company links reference both: an unknown customer_id or company_id is a StoreConstraintError. */
  upsertCustomerCompanies(rows: CustomerCompany[]): Promise<UpsertResult>;
  /**
   * Idempotent by tx_id. A replay of identical rows reports them unchanged and touches nothing
   * (no updated_at or change sequence bump). `source_ref` is provenance, not content: the same
   * content read from another position is unchanged and keeps the first position; a real change
   * is stored with the position it came from. With `version_at` on both sides, an older version
   * never replaces a newer one (counted unchanged). A tx_id repeated within one call is applied in order.
   * Transactions do not need their account to exist yet (stream events may overtake the account).
   * One call is atomic: a rejected row (StoreConstraintError) means none of the call's rows were written.
   */
  upsertTransactions(rows: VersionedTransaction[], options?: UpsertTransactionsOptions): Promise<UpsertResult>;
  /** The account's transactions with from <= occurred_at < to, ordered by occurred_at then tx_id. */
  transactionsByAccount(accountId: string, from: Date, to: Date): Promise<Transaction[]>;
  countTransactions(): Promise<number>;
  /** The stored account's currency (ISO 4217), or undefined when no such account is stored. */
  accountCurrency(accountId: string): Promise<string | undefined>;
  /** Store bookkeeping for the given tx_ids (unknown ids are left out), ordered by tx_id. */
  transactionChangeInfo(txIds: string[]): Promise<TransactionChangeInfo[]>;

  /** Records a loaded file; the same sha256 twice is a StoreConstraintError (kind `unique`). */
  recordIngestedFile(file: IngestedFile): Promise<void>;
  findIngestedFile(sha256: string): Promise<IngestedFile | undefined>;

  /** Sets the consumer group's positions for these partitions of the topic (others are kept). */
  saveOffsets(group: string, topic: string, offsets: StreamOffset[]): Promise<void>;
  /** Every stored position of the group on the topic, ordered by partition. */
  loadOffsets(group: string, topic: string): Promise<StreamOffset[]>;
}

/** What the work function of `withTransaction` gets: the same operations, all in one transaction. */
export type TransactionStoreTx = TransactionStoreOperations;

/**
 * The operational store (architecture §3): customers, accounts and transactions plus the
 * bookkeeping that must commit atomically with them (ingested files, stream offsets).
 */
export interface TransactionStore extends TransactionStoreOperations {
  /** Applies pending schema migrations; safe to call repeatedly and from several processes. */
  migrate(): Promise<void>;
  /**
   * Runs `work` in one database transaction: committed when it resolves, rolled back when it
   * throws (the error is rethrown unchanged). Use only the `store` argument inside `work`;
   * calling the outer store from inside is an error (it would run outside the transaction, and
   * on a single-connection backend it would wait forever).
   */
  withTransaction<T>(work: (store: TransactionStoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const TRANSACTION_STORE = token<TransactionStore>('TransactionStore');
