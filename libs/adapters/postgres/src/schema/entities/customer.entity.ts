import { EntitySchema } from 'typeorm';

/** A `customers` row as TypeORM hydrates it (timestamptz -> Date, bigint -> string). */
export interface CustomerRow {
  customer_id: string;
  kind: string;
  persona: string;
  name: string;
  email: string | null;
  city: string | null;
  state: string | null;
  country: string;
  created_at: Date;
  updated_at: Date;
  change_seq: string;
}

// Column types are explicit: tsx emits no decorator metadata to infer them from.
// change_xid (xid8) is left unmapped: TypeORM has no xid8 type; the sync reads it with raw SQL.
export const CustomerEntity = new EntitySchema<CustomerRow>({
  name: 'Customer',
  tableName: 'customers',
  columns: {
    customer_id: { type: 'varchar', length: 40, primary: true },
    kind: { type: 'varchar', length: 20 },
    persona: { type: 'varchar', length: 40 },
    name: { type: 'varchar', length: 200 },
    email: { type: 'varchar', length: 200, nullable: true },
    city: { type: 'varchar', length: 100, nullable: true },
    state: { type: 'varchar', length: 100, nullable: true },
    country: { type: 'char', length: 2 },
    created_at: { type: 'timestamptz' },
    updated_at: { type: 'timestamptz' },
    change_seq: { type: 'bigint' },
  },
});
