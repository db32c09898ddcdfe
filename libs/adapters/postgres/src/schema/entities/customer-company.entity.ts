import { EntitySchema } from 'typeorm';

/** A `customer_companies` row (who acts for which company) as TypeORM hydrates it. */
export interface CustomerCompanyRow {
  relationship_id: string;
  customer_id: string;
  company_id: string;
  role: string;
  linked_at: Date;
  updated_at: Date;
  change_seq: string;
}

export const CustomerCompanyEntity = new EntitySchema<CustomerCompanyRow>({
  name: 'CustomerCompany',
  tableName: 'customer_companies',
  columns: {
    relationship_id: { type: 'varchar', length: 40, primary: true },
    customer_id: { type: 'varchar', length: 40 },
    company_id: { type: 'varchar', length: 40 },
    role: { type: 'varchar', length: 20 },
    linked_at: { type: 'timestamptz' },
    updated_at: { type: 'timestamptz' },
    change_seq: { type: 'bigint' },
  },
});
