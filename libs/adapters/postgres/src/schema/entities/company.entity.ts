import { EntitySchema } from 'typeorm';

/** A `companies` row as TypeORM hydrates it (timestamptz -> Date, bigint -> string). */
export interface CompanyRow {
  company_id: string;
  name: string;
  registration_number: string;
  industry: string;
  city: string | null;
  country: string;
  created_at: Date;
  updated_at: Date;
  change_seq: string;
}

// change_xid (xid8) is left unmapped, as for every row table: TypeORM has no xid8 type.
export const CompanyEntity = new EntitySchema<CompanyRow>({
  name: 'Company',
  tableName: 'companies',
  columns: {
    company_id: { type: 'varchar', length: 40, primary: true },
    name: { type: 'varchar', length: 200 },
    registration_number: { type: 'varchar', length: 40 },
    industry: { type: 'varchar', length: 40 },
    city: { type: 'varchar', length: 100, nullable: true },
    country: { type: 'char', length: 2 },
    created_at: { type: 'timestamptz' },
    updated_at: { type: 'timestamptz' },
    change_seq: { type: 'bigint' },
  },
});
