import type { z } from 'zod';
import type { VersionedTransaction } from '@ledgerline/ingestion';
import {
  ACCOUNT_ROW_COLUMNS,
  COMPANY_ROW_COLUMNS,
  CUSTOMER_COMPANY_ROW_COLUMNS,
  CUSTOMER_ROW_COLUMNS,
  TRANSACTION_ROW_COLUMNS,
  accountSchema,
  companySchema,
  customerCompanySchema,
  customerSchema,
  transactionSchema,
  type Account,
  type Company,
  type Customer,
  type CustomerCompany,
  type RowColumn,
  type RowColumnKind,
} from '@ledgerline/transactions';

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

/** The element type of each column kind's parameter array. */
const ARRAY_TYPES: Record<RowColumnKind, UpsertColumn<unknown>['arrayType']> = {
  string: 'text',
  money: 'numeric',
  decimal: 'numeric',
  timestamp: 'timestamptz',
  boolean: 'boolean',
};

/** The payload columns of a domain schema, derived from it (rowColumnsOf) rather than restated. */
function payloadColumns<Row>(columns: ReadonlyArray<RowColumn<keyof Row & string>>): Array<UpsertColumn<Row>> {
  return columns.map((c) => ({ name: c.name, arrayType: ARRAY_TYPES[c.kind] }));
}

export const CUSTOMER_UPSERT: UpsertSpec<Customer> = {
  table: 'customers',
  key: 'customer_id',
  columns: payloadColumns<Customer>(CUSTOMER_ROW_COLUMNS),
  provenance: [],
  schema: customerSchema,
  stampsIngestion: false,
  copyWhenNew: false,
};

export const ACCOUNT_UPSERT: UpsertSpec<Account> = {
  table: 'accounts',
  key: 'account_id',
  columns: payloadColumns<Account>(ACCOUNT_ROW_COLUMNS),
  provenance: [],
  schema: accountSchema,
  stampsIngestion: false,
  copyWhenNew: false,
};

export const COMPANY_UPSERT: UpsertSpec<Company> = {
  table: 'companies',
  key: 'company_id',
  columns: payloadColumns<Company>(COMPANY_ROW_COLUMNS),
  provenance: [],
  schema: companySchema,
  stampsIngestion: false,
  copyWhenNew: false,
};

export const CUSTOMER_COMPANY_UPSERT: UpsertSpec<CustomerCompany> = {
  table: 'customer_companies',
  key: 'relationship_id',
  columns: payloadColumns<CustomerCompany>(CUSTOMER_COMPANY_ROW_COLUMNS),
  provenance: [],
  schema: customerCompanySchema,
  stampsIngestion: false,
  copyWhenNew: false,
};

export const TRANSACTION_UPSERT: UpsertSpec<VersionedTransaction> = {
  table: 'transactions',
  key: 'tx_id',
  columns: [...payloadColumns<VersionedTransaction>(TRANSACTION_ROW_COLUMNS), { name: 'version_at', arrayType: 'timestamptz' }],
  provenance: ['source_ref', 'version_at'],
  version: 'version_at',
  schema: transactionSchema,
  stampsIngestion: true,
  copyWhenNew: true,
};
