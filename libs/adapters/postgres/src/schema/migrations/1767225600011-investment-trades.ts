import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Investment trades (issue #18, docs/trades.md): a TRADE is a transaction row with its order in
 * four nullable columns. Quantity and unit price are exact numeric(28,8) (the price series'
 * eight decimals, read back as the string that was written); the fee is money. Nullable, so
 * every existing row stays as it is: only a TRADE fills them (the domain's trade rule).
 */
export class InvestmentTrades1767225600011 implements MigrationInterface {
  readonly name = 'InvestmentTrades1767225600011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE transactions
      ADD COLUMN IF NOT EXISTS asset_symbol varchar(12) NULL,
      ADD COLUMN IF NOT EXISTS quantity numeric(28,8) NULL,
      ADD COLUMN IF NOT EXISTS unit_price numeric(28,8) NULL,
      ADD COLUMN IF NOT EXISTS fee numeric(15,2) NULL`);
    await db.query(`ALTER TABLE transactions ADD CONSTRAINT transactions_trade_positive
      CHECK ((quantity IS NULL OR quantity > 0) AND (unit_price IS NULL OR unit_price > 0) AND (fee IS NULL OR fee >= 0))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE transactions DROP CONSTRAINT IF EXISTS transactions_trade_positive`);
    await db.query(`ALTER TABLE transactions DROP COLUMN IF EXISTS fee, DROP COLUMN IF EXISTS unit_price, DROP COLUMN IF EXISTS quantity, DROP COLUMN IF EXISTS asset_symbol`);
  }
}
