import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change tracking for the warehouse sync (docs/sync-watermark.md). Every real insert or update of
 * customers, accounts and transactions stamps the row with
 *   change_seq = nextval('change_seq')   -- orders changes
 *   change_xid = pg_current_xact_id()    -- lets the sync avoid skipping rows of open transactions
 * An UPDATE whose payload IS NOT DISTINCT FROM the stored row is dropped by the trigger (RETURN
 * NULL), so replays never bump anything. Deletes leave a tombstone in deleted_rows, stamped alike.
 *
 * Payload columns are spelled out per table (not compared through to_jsonb) because the trigger
 * runs for every row of a bulk upsert and the row comparison is several times cheaper.
 */
const PAYLOAD: Record<'customers' | 'accounts' | 'transactions', string[]> = {
  customers: ['customer_id', 'kind', 'persona', 'name', 'email', 'city', 'state', 'country', 'created_at', 'updated_at'],
  accounts: ['account_id', 'customer_id', 'account_type', 'currency', 'balance', 'status', 'opened_at', 'updated_at'],
  transactions: [
    'tx_id', 'account_id', 'occurred_at', 'amount', 'direction', 'txn_type', 'currency', 'normalized_amount', 'merchant',
    'mcc', 'category', 'subcategory', 'channel', 'description', 'city', 'state', 'country', 'is_recurring', 'status',
    'related_account_id', 'source', 'source_ref',
  ],
};

const KEY: Record<keyof typeof PAYLOAD, string> = { customers: 'customer_id', accounts: 'account_id', transactions: 'tx_id' };

function stampFunction(table: keyof typeof PAYLOAD): string {
  const cols = PAYLOAD[table];
  const row = (alias: string) => `(${cols.map((c) => `${alias}.${c}`).join(', ')})`;
  // For transactions updated_at is store bookkeeping (customers/accounts carry the source's own):
  // an UPDATE that changes the payload but not updated_at gets the transaction time.
  const touchUpdatedAt =
    table === 'transactions' ? 'IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN NEW.updated_at := now(); END IF;' : '';
  return `
    CREATE FUNCTION ${table}_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF ${row('NEW')} IS NOT DISTINCT FROM ${row('OLD')} THEN
          RETURN NULL;
        END IF;
        ${touchUpdatedAt}
      END IF;
      NEW.change_seq := nextval('change_seq');
      NEW.change_xid := pg_current_xact_id();
      RETURN NEW;
    END
    $fn$`;
}

export class ChangeTracking1767225600001 implements MigrationInterface {
  readonly name = 'ChangeTracking1767225600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE change_seq AS bigint`);

    await db.query(`
      CREATE TABLE deleted_rows (
        change_seq  bigint       NOT NULL,
        change_xid  xid8         NOT NULL,
        table_name  varchar(100) NOT NULL,
        row_key     varchar(200) NOT NULL,
        deleted_at  timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT deleted_rows_pkey PRIMARY KEY (change_seq)
      )`);
    await db.query(`CREATE INDEX deleted_rows_change_idx ON deleted_rows (change_xid, change_seq)`);

    // TG_ARGV[0] names the key column, so one function serves every table.
    await db.query(`
      CREATE FUNCTION record_tombstone() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO deleted_rows (change_seq, change_xid, table_name, row_key, deleted_at)
        VALUES (nextval('change_seq'), pg_current_xact_id(), TG_TABLE_NAME, to_jsonb(OLD) ->> TG_ARGV[0], now());
        RETURN OLD;
      END
      $fn$`);

    for (const table of Object.keys(PAYLOAD) as Array<keyof typeof PAYLOAD>) {
      await db.query(stampFunction(table));
      await db.query(
        `CREATE TRIGGER ${table}_stamp_change BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_stamp_change()`,
      );
      await db.query(
        `CREATE TRIGGER ${table}_tombstone AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION record_tombstone('${KEY[table]}')`,
      );
      await db.query(`CREATE INDEX ${table}_change_idx ON ${table} (change_xid, change_seq)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of Object.keys(PAYLOAD)) {
      await db.query(`DROP INDEX IF EXISTS ${table}_change_idx`);
      await db.query(`DROP TRIGGER IF EXISTS ${table}_tombstone ON ${table}`);
      await db.query(`DROP TRIGGER IF EXISTS ${table}_stamp_change ON ${table}`);
      await db.query(`DROP FUNCTION IF EXISTS ${table}_stamp_change()`);
    }
    await db.query(`DROP FUNCTION IF EXISTS record_tombstone()`);
    await db.query(`DROP TABLE IF EXISTS deleted_rows`);
    await db.query(`DROP SEQUENCE IF EXISTS change_seq`);
  }
}
