import type { z } from 'zod';
import type { VersionedTransaction } from '@ledgerline/ingestion';
import { accountSchema, customerSchema, transactionSchema, type Account, type Customer } from '@ledgerline/transactions';

/** A payload column and the element type its parameter array is cast to in `unnest($n::type[])`. */
export interface UpsertColumn<Row> {
  name: keyof Row & string;
  arrayType: 'text' | 'numeric' | 'timestamptz' | 'boolean';
}

/** How one domain entity maps onto its table for the bulk upsert. */
export interface UpsertSpec<Row> {
  table: string;
  key: keyof Row & string;
  /** Every payload column (the domain model's fields), key first. */
  columns: ReadonlyArray<UpsertColumn<Row>>;
  /**
   * Columns that say where a row was read, not what it says (transactions: `source_ref`, the topic
   * position or file line). Written along with a change, never a change by themselves: a replay of
   * the same content from another offset leaves the row, its updated_at and change_seq untouched.
   */
  provenance: ReadonlyArray<keyof Row & string>;
  /**
   * A timestamp column holding the version of the stored content: an existing row's content is
   * replaced only by a version at least as new (or when either side has none). Must be provenance.
   */
  version?: keyof Row & string;
  /** The domain schema, used only to name the offending row after the database refused a batch. */
  schema: z.ZodObject;
  /** Transactions carry ingested_at/updated_at bookkeeping set from the upsert options. */
  stampsIngestion: boolean;
  /**
   * Try COPY first (store/copy-fast-path.ts): for tables whose upserts are nearly always new rows
   * (transactions). Customers and accounts are re-sent with changes often, so they upsert directly.
   */
  copyWhenNew: boolean;
}

const text = 'text' as const;
const timestamptz = 'timestamptz' as const;
const numeric = 'numeric' as const;

export const CUSTOMER_UPSERT: UpsertSpec<Customer> = {
  table: 'customers',
  key: 'customer_id',
  columns: [
    { name: 'customer_id', arrayType: text },
    { name: 'kind', arrayType: text },
    { name: 'persona', arrayType: text },
    { name: 'name', arrayType: text },
    { name: 'email', arrayType: text },
    { name: 'city', arrayType: text },
    { name: 'state', arrayType: text },
    { name: 'country', arrayType: text },
    { name: 'created_at', arrayType: timestamptz },
    { name: 'updated_at', arrayType: timestamptz },
  ],
  provenance: [],
  schema: customerSchema,
  stampsIngestion: false,
  copyWhenNew: false,
};

export const ACCOUNT_UPSERT: UpsertSpec<Account> = {
  table: 'accounts',
  key: 'account_id',
  columns: [
    { name: 'account_id', arrayType: text },
    { name: 'customer_id', arrayType: text },
    { name: 'account_type', arrayType: text },
    { name: 'currency', arrayType: text },
    { name: 'balance', arrayType: numeric },
    { name: 'status', arrayType: text },
    { name: 'opened_at', arrayType: timestamptz },
    { name: 'updated_at', arrayType: timestamptz },
  ],
  provenance: [],
  schema: accountSchema,
  stampsIngestion: false,
  copyWhenNew: false,
};

export const TRANSACTION_UPSERT: UpsertSpec<VersionedTransaction> = {
  table: 'transactions',
  key: 'tx_id',
  columns: [
    { name: 'tx_id', arrayType: text },
    { name: 'account_id', arrayType: text },
    { name: 'occurred_at', arrayType: timestamptz },
    { name: 'amount', arrayType: numeric },
    { name: 'direction', arrayType: text },
    { name: 'txn_type', arrayType: text },
    { name: 'currency', arrayType: text },
    { name: 'normalized_amount', arrayType: numeric },
    { name: 'merchant', arrayType: text },
    { name: 'mcc', arrayType: text },
    { name: 'category', arrayType: text },
    { name: 'subcategory', arrayType: text },
    { name: 'channel', arrayType: text },
    { name: 'description', arrayType: text },
    { name: 'city', arrayType: text },
    { name: 'state', arrayType: text },
    { name: 'country', arrayType: text },
    { name: 'is_recurring', arrayType: 'boolean' },
    { name: 'status', arrayType: text },
    { name: 'related_account_id', arrayType: text },
    { name: 'source', arrayType: text },
    { name: 'source_ref', arrayType: text },
    { name: 'version_at', arrayType: timestamptz },
  ],
  provenance: ['source_ref', 'version_at'],
  version: 'version_at',
  schema: transactionSchema,
  stampsIngestion: true,
  copyWhenNew: true,
};
