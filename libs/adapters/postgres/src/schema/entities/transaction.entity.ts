import { EntitySchema } from 'typeorm';

/** A `transactions` row as TypeORM hydrates it (numeric -> string, timestamptz -> Date, bigint -> string). */
export interface TransactionRow {
  tx_id: string;
  account_id: string;
  occurred_at: Date;
  amount: string;
  direction: string;
  txn_type: string;
  currency: string;
  normalized_amount: string;
  merchant: string | null;
  mcc: string | null;
  category: string;
  subcategory: string | null;
  channel: string;
  description: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  is_recurring: boolean;
  status: string;
  related_account_id: string | null;
  source: string;
  source_ref: string | null;
  /** When the stored content was produced (migration 1767225600007); NULL without a version. */
  version_at: Date | null;
  ingested_at: Date;
  updated_at: Date;
  change_seq: string;
}

const money = { type: 'numeric', precision: 15, scale: 2 } as const;

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
    version_at: { type: 'timestamptz', nullable: true },
    ingested_at: { type: 'timestamptz' },
    updated_at: { type: 'timestamptz' },
    change_seq: { type: 'bigint' },
  },
});
