import { z } from 'zod';
import { byKeys, type CashflowRow, type MonthlySpendRow } from './expected-marts.ts';
import { queryRows, withWarehouse } from './warehouse-reader.ts';

/**
 * The finance marts of a built warehouse in the shape of expected-marts.ts (money as decimal
 * strings, months as YYYY-MM-DD, sorted by key), for comparing dbt with the TypeScript oracle.
 */
const count = z.coerce.number().int();
const monthlySpendRowSchema = z.object({ customer_id: z.string(), category: z.string(), month_start: z.string(), spend_amount: z.string(), tx_count: count });
const cashflowRowSchema = z.object({
  customer_id: z.string(),
  month_start: z.string(),
  income_amount: z.string(),
  spend_amount: z.string(),
  net_amount: z.string(),
  income_tx_count: count,
  spend_tx_count: count,
  invested_amount: z.string(),
  divested_amount: z.string(),
  net_invested_amount: z.string(),
  trade_tx_count: count,
});

export async function readMonthlySpend(warehouse: string): Promise<MonthlySpendRow[]> {
  const rows = await withWarehouse(warehouse, (c) =>
    queryRows(c, `select customer_id, category, strftime(month_start, '%Y-%m-%d') as month_start, spend_amount::varchar as spend_amount, tx_count from marts.mart_monthly_spend`),
  );
  return rows.map((r) => monthlySpendRowSchema.parse(r)).sort(byKeys('customer_id', 'category', 'month_start'));
}

export async function readCashflow(warehouse: string): Promise<CashflowRow[]> {
  const rows = await withWarehouse(warehouse, (c) =>
    queryRows(
      c,
      `select customer_id, strftime(month_start, '%Y-%m-%d') as month_start, income_amount::varchar as income_amount,
              spend_amount::varchar as spend_amount, net_amount::varchar as net_amount, income_tx_count, spend_tx_count,
              invested_amount::varchar as invested_amount, divested_amount::varchar as divested_amount,
              net_invested_amount::varchar as net_invested_amount, trade_tx_count
       from marts.mart_cashflow`,
    ),
  );
  return rows.map((r) => cashflowRowSchema.parse(r)).sort(byKeys('customer_id', 'month_start'));
}
