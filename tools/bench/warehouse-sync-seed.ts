import type { SqlClient } from '@ledgerline/postgres';

/** One customer, one account and `rows` synthetic transactions (T-00000001 ...), set-based, then ANALYZE. */
export async function seedBenchTransactions(sql: Pick<SqlClient, 'query'>, rows: number): Promise<void> {
  await sql.query(`INSERT INTO customers VALUES ('C-1', 'PERSONAL', 'student', 'Bench', NULL, 'Lisbon', NULL, 'PT', now(), now())`);
  await sql.query(`INSERT INTO accounts VALUES ('A-1', 'C-1', 'CHECKING', 'EUR', 100.00, 'ACTIVE', now(), now())`);
  await sql.query(
    `INSERT INTO transactions (tx_id, account_id, occurred_at, amount, direction, txn_type, currency, normalized_amount,
       merchant, mcc, category, subcategory, channel, description, city, state, country, is_recurring, status,
       related_account_id, source, source_ref)
     SELECT 'T-' || lpad(i::text, 8, '0'), 'A-1', timestamptz '2026-01-01' + i * interval '37 seconds',
            (i % 90000) / 100.0 + 0.01, CASE WHEN i % 5 = 0 THEN 'CREDIT' ELSE 'DEBIT' END, 'PURCHASE', 'EUR',
            (i % 90000) / 100.0 + 0.01, 'Merchant ' || (i % 500), '5411', 'Groceries', NULL, 'CARD_PRESENT',
            CASE WHEN i % 3 = 0 THEN 'note ' || i END, 'Lisbon', NULL, 'PT', i % 10 = 0, 'POSTED', NULL, 'seed', 'bench:' || i
       FROM generate_series(1, $1::int) AS i`,
    [rows],
  );
  await sql.query('ANALYZE');
}
