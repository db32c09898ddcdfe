import { countedSql, EXCLUDED_STATUSES, type AnalyticsStore } from '@ledgerline/analytics';
import { fromCents, toCents } from '@ledgerline/transactions';
import { z } from 'zod';
import type { AgentDocument } from './agent-document.ts';
import { queryRows } from './sql-rows.ts';

export interface SummaryOptions {
  /** Summaries cover the latest N months of data (default 12). */
  readonly months?: number;
  /** Base currency of normalized_amount (BASE_CURRENCY). */
  readonly baseCurrency: string;
}

const statuses = EXCLUDED_STATUSES.map((s) => `'${s}'`).join(', ');
const money = (expression: string) => `CAST(CAST(coalesce(${expression}, 0) AS DECIMAL(15,2)) AS VARCHAR)`;
const monthOf = `strftime(date_trunc('month', timezone('UTC', t.occurred_at)), '%Y-%m')`;
const recentMonths = (months: number) =>
  `date_trunc('month', timezone('UTC', t.occurred_at)) >= (SELECT date_trunc('month', timezone('UTC', max(occurred_at))) - to_months(${months - 1}) FROM raw.transactions WHERE NOT _deleted)`;

/** The currency goes into SQL text as a literal: accept only an ISO 4217 code. */
function checkedCurrency(code: string): string {
  if (!/^[A-Z]{3}$/.test(code)) throw new RangeError(`not a currency code: ${code}`);
  return code;
}

const statementRow = z.object({
  account_id: z.string(),
  customer_id: z.string(),
  month: z.string(),
  transactions: z.coerce.number().int(),
  debits: z.coerce.number().int(),
  credits: z.coerce.number().int(),
  money_out: z.string(),
  money_in: z.string(),
});

/**
 * A statement summary per account and month: what its monthly statement shows, every row that
 * moved money (REVERSED/DECLINED excluded, own-account transfers included), in the base currency.
 */
export async function statementDocuments(store: AnalyticsStore, options: SummaryOptions): Promise<AgentDocument[]> {
  const months = options.months ?? 12;
  const sql = `SELECT t.account_id, a.customer_id, ${monthOf} AS month,
      CAST(count(*) AS INTEGER) AS transactions,
      CAST(count(*) FILTER (WHERE t.direction = 'DEBIT') AS INTEGER) AS debits,
      CAST(count(*) FILTER (WHERE t.direction = 'CREDIT') AS INTEGER) AS credits,
      ${money(`sum(t.normalized_amount) FILTER (WHERE t.direction = 'DEBIT')`)} AS money_out,
      ${money(`sum(t.normalized_amount) FILTER (WHERE t.direction = 'CREDIT')`)} AS money_in
    FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id AND NOT a._deleted
    WHERE NOT t._deleted AND t.status NOT IN (${statuses}) AND ${recentMonths(months)}
    GROUP BY t.account_id, a.customer_id, month
    ORDER BY t.account_id, month`;
  const rows = await queryRows(store, sql, statementRow);
  const c = options.baseCurrency;
  return rows.map((r) => ({
    id: `statement:${r.account_id}:${r.month}`,
    kind: 'statement',
    title: `Statement ${r.account_id} ${r.month}`,
    text:
      `Statement of account ${r.account_id} (customer ${r.customer_id}) for ${r.month}: ${r.transactions} transactions; ` +
      `money out ${r.money_out} ${c} in ${r.debits} debits, money in ${r.money_in} ${c} in ${r.credits} credits ` +
      `(amounts in ${c}, own-account transfers included).`,
    metadata: { account_id: r.account_id, customer_id: r.customer_id, month: r.month },
  }));
}

const monthlyRow = z.object({
  customer_id: z.string(),
  month: z.string(),
  spend: z.string(),
  income: z.string(),
  counted: z.coerce.number().int(),
  top_categories: z.string().nullable(),
});

/**
 * A monthly summary per customer with the metric definitions (spend/income of counted rows:
 * no transfers, no trades, no REVERSED/DECLINED), net and the three largest spending categories.
 */
export async function monthlySummaryDocuments(store: AnalyticsStore, options: SummaryOptions): Promise<AgentDocument[]> {
  const months = options.months ?? 12;
  const currency = checkedCurrency(options.baseCurrency);
  const counted = countedSql('t.');
  const sql = `WITH counted AS (
      SELECT a.customer_id, ${monthOf} AS month, t.direction, t.category, t.normalized_amount
      FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id AND NOT a._deleted
      WHERE NOT t._deleted AND ${counted} AND ${recentMonths(months)}
    ),
    by_category AS (
      SELECT customer_id, month, category, sum(normalized_amount) AS spend,
        row_number() OVER (PARTITION BY customer_id, month ORDER BY sum(normalized_amount) DESC, category) AS rank
      FROM counted WHERE direction = 'DEBIT' GROUP BY customer_id, month, category
    ),
    totals AS (
      SELECT customer_id, month,
        ${money(`sum(normalized_amount) FILTER (WHERE direction = 'DEBIT')`)} AS spend,
        ${money(`sum(normalized_amount) FILTER (WHERE direction = 'CREDIT')`)} AS income,
        CAST(count(*) AS INTEGER) AS counted
      FROM counted GROUP BY customer_id, month
    )
    SELECT totals.customer_id, totals.month, totals.spend, totals.income, totals.counted,
      (SELECT string_agg(b.category || ' ' || ${money('b.spend')} || ' ${currency}', ', ' ORDER BY b.rank) FROM by_category b
        WHERE b.customer_id = totals.customer_id AND b.month = totals.month AND b.rank <= 3) AS top_categories
    FROM totals ORDER BY totals.customer_id, totals.month`;
  const rows = await queryRows(store, sql, monthlyRow);
  const c = options.baseCurrency;
  return rows.map((r) => {
    const netText = fromCents(toCents(r.income) - toCents(r.spend));
    return {
      id: `monthly:${r.customer_id}:${r.month}`,
      kind: 'monthly_summary',
      title: `Monthly summary ${r.customer_id} ${r.month}`,
      text:
        `Monthly summary of customer ${r.customer_id} for ${r.month}: spent ${r.spend} ${c}, received ${r.income} ${c} income, ` +
        `net ${netText} ${c}, ${r.counted} counted transactions.` +
        (r.top_categories ? ` Largest spending categories: ${r.top_categories}.` : ''),
      metadata: { customer_id: r.customer_id, month: r.month },
    };
  });
}
