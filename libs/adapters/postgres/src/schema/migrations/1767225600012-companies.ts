import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Companies and customer-company links (issue #18; zod: companySchema, customerCompanySchema in
 * @ledgerline/transactions). Change tracking as the other row tables have it after migrations 1
 * and 2: inserts are stamped by the column defaults, an UPDATE by the trigger, which drops an
 * update that changes nothing (so a replay bumps no change_seq), and a DELETE leaves a tombstone
 * in deleted_rows, so the warehouse sync ships these tables like customers and accounts.
 * A link references its customer and its company: a dangling one is refused (StoreConstraintError).
 */
const PAYLOAD = {
  companies: ['company_id', 'name', 'registration_number', 'industry', 'city', 'country', 'created_at', 'updated_at'],
  customer_companies: ['relationship_id', 'customer_id', 'company_id', 'role', 'linked_at', 'updated_at'],
} as const;
const KEY: Record<keyof typeof PAYLOAD, string> = { companies: 'company_id', customer_companies: 'relationship_id' };

function stampFunction(table: keyof typeof PAYLOAD): string {
  const row = (alias: string) => `(${PAYLOAD[table].map((c) => `${alias}.${c}`).join(', ')})`;
  return `
    CREATE FUNCTION ${table}_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF ${row('NEW')} IS NOT DISTINCT FROM ${row('OLD')} THEN
        RETURN NULL;
      END IF;
      NEW.change_seq := nextval('change_seq');
      NEW.change_xid := pg_current_xact_id();
      RETURN NEW;
    END
    $fn$`;
}

export class Companies1767225600012 implements MigrationInterface {
  readonly name = 'Companies1767225600012';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS companies (
        company_id          varchar(40)  NOT NULL,
        name                varchar(200) NOT NULL,
        registration_number varchar(40)  NOT NULL,
        industry            varchar(40)  NOT NULL,
        city                varchar(100),
        country             char(2)      NOT NULL,
        created_at          timestamptz  NOT NULL,
        updated_at          timestamptz  NOT NULL,
        change_seq          bigint       NOT NULL DEFAULT nextval('change_seq'),
        change_xid          xid8         NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT companies_pkey PRIMARY KEY (company_id)
      )`);
    await db.query(`
      CREATE TABLE IF NOT EXISTS customer_companies (
        relationship_id varchar(40) NOT NULL,
        customer_id     varchar(40) NOT NULL,
        company_id      varchar(40) NOT NULL,
        role            varchar(20) NOT NULL,
        linked_at       timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        change_seq      bigint      NOT NULL DEFAULT nextval('change_seq'),
        change_xid      xid8        NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT customer_companies_pkey PRIMARY KEY (relationship_id),
        CONSTRAINT customer_companies_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
        CONSTRAINT customer_companies_company_fk FOREIGN KEY (company_id) REFERENCES companies (company_id)
      )`);
    await db.query(`CREATE INDEX IF NOT EXISTS customer_companies_company_idx ON customer_companies (company_id)`);
    for (const table of Object.keys(PAYLOAD) as Array<keyof typeof PAYLOAD>) {
      await db.query(stampFunction(table));
      await db.query(`CREATE TRIGGER ${table}_stamp_change BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_stamp_change()`);
      await db.query(`CREATE TRIGGER ${table}_tombstone AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION record_tombstone('${KEY[table]}')`);
      await db.query(`CREATE INDEX ${table}_change_idx ON ${table} (change_xid, change_seq)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS customer_companies`);
    await db.query(`DROP TABLE IF EXISTS companies`);
    for (const table of Object.keys(PAYLOAD)) await db.query(`DROP FUNCTION IF EXISTS ${table}_stamp_change()`);
  }
}
