import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `account_openings`: the balance an account had before its first transaction, the one input of
 * the balance step (AccountBalances in @ledgerline/ingestion) that is not in the ledger itself.
 * Kept beside `accounts` rather than as a column of it so that recording one is not a change of
 * the account row (no change-tracking stamp, nothing for the warehouse sync to copy). No foreign
 * key to accounts: an opening may be recorded before its account row lands, like a transaction.
 * Databases from before this migration have no openings, so their balances stay as loaded until
 * a writer records them (the pipeline and `batch seed` do on their next run).
 */
export class AccountOpenings1767225600004 implements MigrationInterface {
  readonly name = 'AccountOpenings1767225600004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account_openings (
        account_id      varchar(40)   NOT NULL,
        opening_balance numeric(15,2) NOT NULL,
        recorded_at     timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT account_openings_pkey PRIMARY KEY (account_id),
        CONSTRAINT account_openings_balance_non_negative CHECK (opening_balance >= 0)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS account_openings`);
  }
}
