import { EntitySchema } from 'typeorm';

/** An `accounts` row as TypeORM hydrates it (numeric -> string, timestamptz -> Date). */
export interface AccountRow {
  account_id: string;
  customer_id: string;
  account_type: string;
  currency: string;
  balance: string;
  status: string;
  opened_at: Date;
  updated_at: Date;
  change_seq: string;
}

export const AccountEntity = new EntitySchema<AccountRow>({
  name: 'Account',
  tableName: 'accounts',
  columns: {
    account_id: { type: 'varchar', length: 40, primary: true },
    customer_id: { type: 'varchar', length: 40 },
    account_type: { type: 'varchar', length: 20 },
    currency: { type: 'char', length: 3 },
    balance: { type: 'numeric', precision: 15, scale: 2 },
    status: { type: 'varchar', length: 20 },
    opened_at: { type: 'timestamptz' },
    updated_at: { type: 'timestamptz' },
    change_seq: { type: 'bigint' },
  },
});
