import type { Transaction } from '@ledgerline/transactions';
import { EntitySchema } from 'typeorm';

/** A stored text column comes back as plain text: the enum is the schema's promise, not the driver's. */
type StoredText<T> = T extends string ? string : T;

/**
 * A `transactions` row as the driver hydrates it (numeric -> string, timestamptz -> Date, bigint ->
 * string): the domain fields, derived from the zod schema's type, plus the table's bookkeeping.
 */
export type TransactionRow = { [K in keyof Transaction]: K extends 'occurred_at' ? Date : StoredText<Transaction[K]> } & {
  /** When the stored content was produced (migration 1767225600007); NULL without a version. */
  version_at: Date | null;
  ingested_at: Date;
  updated_at: Date;
  change_seq: string;
};

const money = { type: 'numeric', precision: 15, scale: 2 } as const;
const exactDecimal = { type: 'numeric', precision: 28, scale: 8, nullable: true } as const;

export const TransactionEntity = new EntitySchema<TransactionRow>({
  name: 'Transaction',
  tableName: 'transactions',
  columns: {
    tx_id: { type: 'varchar', length: 80, primary: true },
    account_id: { type: 'varchar', length: 40 },
    occurred_at: { type: 'timestamptz' },
    amount: money,
    direction: { type: 'varchar', length: 6 },
    txn_type: { type: 'varchar', length: 20 },
    currency: { type: 'char', length: 3 },
    normalized_amount: money,
    merchant: { type: 'varchar', length: 200, nullable: true },
    mcc: { type: 'char', length: 4, nullable: true },
    category: { type: 'varchar', length: 60 },
    subcategory: { type: 'varchar', length: 60, nullable: true },
    channel: { type: 'varchar', length: 20 },
    description: { type: 'varchar', length: 500, nullable: true },
    city: { type: 'varchar', length: 100, nullable: true },
    state: { type: 'varchar', length: 100, nullable: true },
    country: { type: 'char', length: 2, nullable: true },
    is_recurring: { type: 'boolean' },
    status: { type: 'varchar', length: 10 },
    related_account_id: { type: 'varchar', length: 40, nullable: true },
    source: { type: 'varchar', length: 10 },
    source_ref: { type: 'varchar', length: 300, nullable: true },
    asset_symbol: { type: 'varchar', length: 12, nullable: true },
    quantity: exactDecimal,
    unit_price: exactDecimal,
    fee: { ...money, nullable: true },
    version_at: { type: 'timestamptz', nullable: true },
    ingested_at: { type: 'timestamptz' },
    updated_at: { type: 'timestamptz' },
    change_seq: { type: 'bigint' },
  },
});
