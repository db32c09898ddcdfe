import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change-tracking trigger of transactions (migration 1767225600001) compares a spelled-out
 * payload to drop no-op UPDATEs. Migration 1767225600011 added the four trade columns but not to
 * that payload, so an UPDATE that changed only asset_symbol, quantity, unit_price or fee was taken
 * for a replay: dropped, never stamped, never synced. This replaces the function with the payload
 * that includes them (spelled out here, as migrations never share code that could change later).
 */
const BEFORE = [
  'tx_id', 'account_id', 'occurred_at', 'amount', 'direction', 'txn_type', 'currency', 'normalized_amount', 'merchant',
  'mcc', 'category', 'subcategory', 'channel', 'description', 'city', 'state', 'country', 'is_recurring', 'status',
  'related_account_id', 'source', 'source_ref',
];
const AFTER = [...BEFORE, 'asset_symbol', 'quantity', 'unit_price', 'fee'];

function stampFunction(columns: readonly string[]): string {
  const row = (alias: string) => `(${columns.map((c) => `${alias}.${c}`).join(', ')})`;
  return `
    CREATE OR REPLACE FUNCTION transactions_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF ${row('NEW')} IS NOT DISTINCT FROM ${row('OLD')} THEN
          RETURN NULL;
        END IF;
        IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN NEW.updated_at := now(); END IF;
      END IF;
      NEW.change_seq := nextval('change_seq');
      NEW.change_xid := pg_current_xact_id();
      RETURN NEW;
    END
    $fn$`;
}

export class TradeColumnsTracked1767225600013 implements MigrationInterface {
  readonly name = 'TradeColumnsTracked1767225600013';

  async up(db: QueryRunner): Promise<void> {
    await db.query(stampFunction(AFTER));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(stampFunction(BEFORE));
  }
}
