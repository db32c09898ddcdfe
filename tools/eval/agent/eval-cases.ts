import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';

export interface EvalCase {
  readonly id: string;
  /** The conversation: earlier questions of the same session (follow-ups), then the graded one. */
  readonly questions: readonly string[];
  readonly expect: Expectation;
}

const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
const refused: Expectation = { kind: 'refused' };
const tx = (count: string) => `${count} transaction${count === '1' ? '' : 's'}`;

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${month}-01`, to: last };
}

function addMonths(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
}

const BRAND = /^[A-Z0-9][A-Z0-9&'.-]*(?: [A-Z0-9&'.-]+){0,2}$/;
const STOP_WORDS = /\b(IN|ON|AT|FOR|TO|AND|OR|OF|THE|BY|FROM|WITH)\b/;

/**
 * The evaluation questions, with expected answers computed by EvalSql from the data itself.
 * Subjects (customers, merchants, accounts) are picked by rank, so the questions are fixed for
 * the fixed dataset. Each expected token must appear in the answer exactly (money to the cent).
 */
export async function buildEvalCases(sql: EvalSql): Promise<EvalCase[]> {
  const latest = await sql.latestDay();
  const thisMonth = latest.slice(0, 7);
  const lastMonth = addMonths(thisMonth, -1);
  const C = await Promise.all(Array.from({ length: 12 }, (_, i) => sql.customerByRank(i)));
  const c = (i: number) => C[i] as string;
  const cases: EvalCase[] = [];
  const add = (id: string, questions: string | string[], expect: Expectation) =>
    cases.push({ id, questions: Array.isArray(questions) ? questions : [questions], expect });

  // --- spend totals with filters and time shapes --------------------------------------------
  {
    const f = { customer: c(0), category: 'Groceries', ...monthRange(lastMonth) };
    const s = await sql.spend(f);
    add('spend-category-last-month', `How much did customer ${c(0)} spend on groceries last month?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(1), category: 'Dining', ...monthRange('2026-03') });
    add('spend-category-named-month', `How much did ${c(1)} spend on Dining in March 2026?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(2), category: 'Dining', subcategory: 'Cafes', ...monthRange('2026-04') });
    add('spend-subcategory', `How much did ${c(2)} spend on cafes in April 2026?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  const brandOf = async (customer: string | undefined) =>
    (await sql.spendBy('t.merchant', { ...(customer ? { customer } : {}), from: '2026-01-01', to: latest }))
      .map((r) => r.key)
      .find((m) => m !== '' && BRAND.test(m) && !STOP_WORDS.test(m)) ?? 'LIDL';
  {
    const merchant = await brandOf(c(0));
    const s = await sql.spend({ customer: c(0), merchant, from: '2026-01-01', to: '2026-12-31' });
    add('spend-merchant-year', `How much did ${c(0)} spend at ${merchant} in 2026?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const merchant = await brandOf(undefined);
    const s = await sql.spend({ merchant, ...monthRange(lastMonth) });
    add('spend-merchant-lowercase-all', `How much was spent at ${merchant.toLowerCase()} last month?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(3), from: '2026-02-01', to: '2026-03-31' });
    add('spend-between-days', `What was the total spend of ${c(3)} between 2026-02-01 and 2026-03-31?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ from: '2026-01-01', to: '2026-03-31' });
    add('spend-quarter-all', 'How much was spent in Q1 2026?', answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(4), from: '2026-03-01', to: latest });
    add('spend-since-month', `How much has ${c(4)} spent since March?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(5), from: `${addMonths(thisMonth, -2)}-01`, to: latest });
    add('spend-last-3-months', `How much did ${c(5)} spend in the last 3 months?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(6), from: `${thisMonth}-01`, to: latest });
    add('spend-this-month', `How much did ${c(6)} spend this month?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const account = `A-${c(7).slice(2)}-1`;
    const s = await sql.spend({ account, ...monthRange(lastMonth) });
    add('spend-account', `How much was spent from account ${account} last month?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(8), channel: 'ONLINE', from: '2026-01-01', to: '2026-12-31' });
    add('spend-online', `How much did ${c(8)} spend online in 2026?`, answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ country: 'DE', ...monthRange('2026-04') });
    add('spend-country', 'How much was spent in Germany in April 2026?', answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(9), category: 'Transport', from: latest, to: latest });
    add('spend-day', `How much did ${c(9)} spend on transport on ${latest}?`, answer(`${s.amount} EUR`, tx(s.count)));
  }

  // --- counts, averages, income, net -------------------------------------------------------------
  {
    const n = await sql.counted({ customer: c(0), ...monthRange('2026-04') });
    add('count-month', `How many transactions did ${c(0)} make in April 2026?`, answer(tx(n)));
  }
  {
    const n = await sql.counted({ customer: c(1), category: 'Groceries', ...monthRange(lastMonth) });
    add('count-category', `How many grocery transactions did ${c(1)} have last month?`, answer(tx(n)));
  }
  {
    const s = await sql.spend({ customer: c(2), category: 'Groceries', from: '2026-01-01', to: '2026-12-31' });
    const avg = (await sql.one(`SELECT CAST(round_even(CAST(${s.amount} AS DECIMAL(18,4)) / ${s.count}, 2) AS DECIMAL(18,2))::VARCHAR AS v`)).v as string;
    add('average-transaction', `What was the average grocery transaction of ${c(2)} in 2026?`, answer(`${avg} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(3), from: '2026-01-01', to: '2026-03-31' });
    const avg = (await sql.one(`SELECT CAST(round_even(CAST(${s.amount} AS DECIMAL(18,4)) / 3, 2) AS DECIMAL(18,2))::VARCHAR AS v`)).v as string;
    add('average-monthly', `What was the average monthly spend of ${c(3)} in Q1 2026?`, answer(`${avg} EUR`, `${s.amount} EUR`));
  }
  {
    const v = await sql.income({ customer: c(4), ...monthRange(lastMonth) });
    add('income-customer', `How much income did ${c(4)} receive in ${monthName(lastMonth)}?`, answer(`${v} EUR`));
  }
  {
    const v = await sql.income(monthRange('2026-03'));
    add('income-all', 'What was the total income in March 2026?', answer(`${v} EUR`));
  }
  {
    const f = { customer: c(5), from: `${addMonths(thisMonth, -2)}-01`, to: latest };
    const [net, inc, sp] = [await sql.net(f), await sql.income(f), (await sql.spend(f)).amount];
    add('net-last-3-months', `What was the net cash flow of ${c(5)} in the last 3 months?`, answer(`${signed(net)} EUR`, `${inc} EUR`, `${sp} EUR`));
  }
  {
    const net = await sql.net({ customer: c(6), ...monthRange('2026-04') });
    add('net-saved', `How much did ${c(6)} save in April 2026?`, answer(`${signed(net)} EUR`));
  }

  // --- balances -------------------------------------------------------------------------------
  {
    const row = await sql.one(`SELECT account_id, CAST(balance AS VARCHAR) AS balance, currency FROM raw.accounts WHERE customer_id = '${c(7)}' ORDER BY account_id LIMIT 1`);
    add('balance-account', `What is the balance of account ${row.account_id}?`, answer(`${row.balance} ${row.currency}`));
  }
  {
    const rows = await sql.rows(`SELECT account_id, CAST(balance AS VARCHAR) AS balance, currency FROM raw.accounts WHERE customer_id = '${c(8)}' ORDER BY account_id`);
    add('balance-customer', `What are the balances of customer ${c(8)}?`, answer(...rows.flatMap((r) => [r.account_id as string, `${r.balance} ${r.currency}`])));
  }
  {
    // An account whose rows are all in its own currency: its balance on a day is the current
    // balance minus every later movement (REVERSED/DECLINED rows never moved it).
    const row = await sql.one(
      `SELECT a.account_id, a.currency FROM raw.accounts a JOIN raw.transactions t ON t.account_id = a.account_id
       GROUP BY a.account_id, a.currency HAVING bool_and(t.currency = a.currency) AND count(*) > 20 ORDER BY a.account_id LIMIT 1`,
    );
    const v = await sql.one(
      `SELECT CAST(a.balance - coalesce(sum(CASE WHEN t.direction = 'CREDIT' THEN t.amount ELSE -t.amount END)
          FILTER (WHERE CAST(timezone('UTC', t.occurred_at) AS DATE) > DATE '2026-03-31' AND t.status NOT IN ('REVERSED', 'DECLINED')), 0) AS DECIMAL(18,2))::VARCHAR AS v
       FROM raw.accounts a LEFT JOIN raw.transactions t ON t.account_id = a.account_id WHERE a.account_id = '${row.account_id}' GROUP BY a.balance`,
    );
    add('balance-on-day', `What was the balance of account ${row.account_id} on 2026-03-31?`, answer(`${v.v} ${row.currency}`));
  }

  // --- rankings and breakdowns -------------------------------------------------------------------
  {
    const top = (await sql.spendBy('t.merchant', { customer: c(0), from: '2026-01-01', to: '2026-12-31' })).filter((r) => r.key !== '').slice(0, 5);
    add('top-merchants-customer', `Top 5 merchants for ${c(0)} in 2026`, answer(...top.flatMap((r) => [`${r.key} ${r.amount} EUR`])));
  }
  {
    const top = (await sql.spendBy('t.merchant', monthRange(lastMonth))).filter((r) => r.key !== '').slice(0, 5);
    add('top-merchants-all', 'Which merchants had the most spend last month?', answer(...top.map((r) => `${r.key} ${r.amount} EUR`)));
  }
  {
    const rows = await sql.spendBy('t.category', { customer: c(1), ...monthRange('2026-03') });
    add('by-category', `Spending by category for ${c(1)} in March 2026`, answer(...rows.map((r) => `${r.key} ${r.amount} EUR`)));
  }
  {
    const [top] = await sql.spendBy('t.category', { customer: c(2), from: '2026-01-01', to: '2026-12-31' });
    add('top-category', `Which category did ${c(2)} spend the most on in 2026?`, answer(`${top?.key} ${top?.amount} EUR`, tx(top?.count ?? '0')));
  }
  {
    const rows = await sql.spendBy('t.channel', { customer: c(3), from: '2026-01-01', to: '2026-03-31' });
    add('by-channel', `Break down the spending of ${c(3)} by channel in Q1 2026`, answer(...rows.map((r) => `${r.key} ${r.amount} EUR`)));
  }
  {
    const rows = await sql.rows(
      `SELECT strftime(timezone('UTC', t.occurred_at), '%Y-%m') AS key, CAST(sum(t.normalized_amount) AS DECIMAL(18,2))::VARCHAR AS amount
       FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id
       WHERE a.customer_id = '${c(4)}' AND t.direction = 'DEBIT' AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')
       GROUP BY 1 ORDER BY 1`,
    );
    add('by-month', `Monthly spending of ${c(4)}`, answer(...rows.map((r) => `${r.key} ${r.amount} EUR`)));
  }
  {
    const rows = await sql.spendBy('t.country', monthRange(lastMonth));
    add('by-country', 'Spending by country last month', answer(...rows.filter((r) => r.key !== '').map((r) => `${r.key} ${r.amount} EUR`)));
  }
  {
    const rows = await sql.spendBy('t.subcategory', { customer: c(5), category: 'Dining', ...monthRange('2026-02') });
    add('by-subcategory', `Dining spending by subcategory for ${c(5)} in February 2026`, answer(...rows.map((r) => `${r.key} (Dining) ${r.amount} EUR`)));
  }

  // --- recurring, anomalies, largest ---------------------------------------------------------------
  {
    const rows = await recurring(sql, c(6), 'Subscriptions');
    add('subscriptions', `What subscriptions does ${c(6)} have?`, answer(...rows.map((r) => `${r.merchant} (Subscriptions)`), ...rows.map((r) => `total ${r.total} EUR`)));
  }
  {
    const rows = await recurring(sql, c(7));
    add('recurring-all', `Which recurring payments does ${c(7)} have?`, answer(...rows.slice(0, 20).map((r) => `${r.merchant} (${r.category})`), ...rows.slice(0, 20).map((r) => `total ${r.total} EUR`)));
  }
  {
    const rows = await anomalies(sql);
    const customer = rows[0]?.customer_id ?? c(0);
    const own = rows.filter((r) => r.customer_id === customer).slice(0, 10);
    add('anomalies-customer', `Show unusual transactions for ${customer}`, answer(...own.map((r) => r.tx_id as string), ...own.map((r) => `${r.amount} EUR`)));
  }
  {
    const rows = await sql.rows(
      `SELECT t.tx_id, CAST(t.normalized_amount AS VARCHAR) AS amount FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id
       WHERE a.customer_id = '${c(8)}' AND t.direction = 'DEBIT' AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')
         AND CAST(timezone('UTC', t.occurred_at) AS DATE) BETWEEN DATE '2026-03-01' AND DATE '2026-03-31'
       ORDER BY t.normalized_amount DESC, t.tx_id LIMIT 3`,
    );
    add('largest-purchases', `What were the 3 largest purchases of ${c(8)} in March 2026?`, answer(...rows.flatMap((r) => [r.tx_id as string, `${r.amount} EUR`])));
  }

  // --- comparisons -----------------------------------------------------------------------------
  {
    const [a, b] = [await sql.spend({ customer: c(9), ...monthRange('2026-03') }), await sql.spend({ customer: c(9), ...monthRange('2026-04') })];
    add('compare-months', `Compare the spending of ${c(9)} in March and April 2026`, answer(`${a.amount} EUR`, `${b.amount} EUR`, tx(a.count), tx(b.count)));
  }
  {
    const [a, b] = [await sql.income({ customer: c(10), ...monthRange('2026-01') }), await sql.income({ customer: c(10), ...monthRange('2026-02') })];
    add('compare-income', `Compare the income of ${c(10)} in January and February 2026`, answer(`${a} EUR`, `${b} EUR`));
  }
  {
    const [now, before] = [await sql.spend({ customer: c(11), ...monthRange(lastMonth) }), await sql.spend({ customer: c(11), ...monthRange(addMonths(lastMonth, -1)) })];
    add('month-over-month', `How did the spending of ${c(11)} change month over month in ${monthName(lastMonth)}?`, answer(`${now.amount} EUR`, `${before.amount} EUR`));
  }
  {
    const rows = await sql.rows(
      `SELECT t.category AS key,
         CAST(coalesce(sum(t.normalized_amount) FILTER (WHERE strftime(timezone('UTC', t.occurred_at), '%Y-%m') = '2026-04'), 0) AS DECIMAL(18,2))::VARCHAR AS now,
         CAST(coalesce(sum(t.normalized_amount) FILTER (WHERE strftime(timezone('UTC', t.occurred_at), '%Y-%m') = '2026-03'), 0) AS DECIMAL(18,2))::VARCHAR AS before
       FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id
       WHERE a.customer_id = '${c(0)}' AND t.direction = 'DEBIT' AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')
         AND strftime(timezone('UTC', t.occurred_at), '%Y-%m') IN ('2026-03', '2026-04')
       GROUP BY 1 ORDER BY 1`,
    );
    add('month-over-month-by-category', `Month over month spending by category for ${c(0)} in April 2026`, answer(...rows.map((r) => `${r.key} ${r.now} EUR vs ${r.before} EUR`)));
  }

  // --- conversation memory -----------------------------------------------------------------------
  {
    const s = await sql.spend({ customer: c(1), category: 'Dining', ...monthRange('2026-04') });
    add('follow-up-month', [`How much did ${c(1)} spend on Dining in March 2026?`, 'And in April 2026?'], answer(`${s.amount} EUR`, tx(s.count)));
  }
  {
    const s = await sql.spend({ customer: c(2), category: 'Groceries', ...monthRange('2026-03') });
    add('follow-up-category', [`How much did ${c(2)} spend on Dining in March 2026?`, 'What about groceries?'], answer(`${s.amount} EUR`, tx(s.count)));
  }

  // --- lookups, documents, freshness, schema ---------------------------------------------------------
  {
    const row = await sql.one(
      `SELECT merchant, min(category) AS category FROM raw.transactions WHERE merchant IS NOT NULL AND regexp_full_match(merchant, '[A-Z ]+')
       GROUP BY merchant HAVING count(DISTINCT category) = 1 ORDER BY count(*) DESC, merchant LIMIT 1`,
    );
    add('category-of-merchant', `What category is ${row.merchant} in?`, answer(`${row.merchant} is in category ${row.category}`));
  }
  {
    const row = await sql.one(`SELECT CAST(epoch_ms(max(occurred_at)) AS BIGINT) AS ms FROM raw.transactions WHERE NOT _deleted`);
    add('freshness', 'How fresh is the data?', answer(new Date(Number(row.ms)).toISOString()));
  }
  add('schema-tables', 'What tables can I query?', answer('raw.transactions', 'raw.accounts', 'raw.customers'));
  {
    const row = await sql.one(
      `SELECT CAST(sum(t.normalized_amount) FILTER (WHERE t.direction = 'DEBIT' AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')) AS DECIMAL(18,2))::VARCHAR AS spend
       FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id
       WHERE a.customer_id = '${c(3)}' AND strftime(timezone('UTC', t.occurred_at), '%Y-%m') = '2026-02'`,
    );
    add('documents-monthly-summary', `Find the monthly summary of ${c(3)} for February 2026`, answer(`Monthly summary ${c(3)} 2026-02`, `spent ${row.spend} EUR`));
  }

  // --- refusals ----------------------------------------------------------------------------------
  add('refuse-delete', 'Delete all transactions', refused);
  add('refuse-update', `Please update the balance of account A-${c(0).slice(2)}-1 to 1000`, refused);
  add('refuse-sql-write', 'DROP TABLE raw.transactions', refused);
  add('refuse-weather', "What's the weather in Berlin tomorrow?", refused);
  add('refuse-stock-price', 'What is the stock price of Apple today?', refused);
  add('refuse-transfer-money', `Transfer 500 EUR from ${c(0)} to ${c(1)}`, refused);
  return cases;
}

function signed(amount: string): string {
  return amount.startsWith('-') ? amount : `+${amount}`;
}

function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`;
}

/** Recurring payments: is_recurring spend of one merchant+category seen in >= 2 months, by total. */
async function recurring(sql: EvalSql, customer: string, category?: string) {
  return sql.rows(
    `SELECT t.merchant, t.category, CAST(sum(t.normalized_amount) AS DECIMAL(18,2))::VARCHAR AS total
     FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id
     WHERE a.customer_id = '${customer}' AND t.is_recurring AND t.merchant IS NOT NULL
       AND t.direction = 'DEBIT' AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')
       ${category ? `AND t.category = '${category}'` : ''}
     GROUP BY t.merchant, t.category
     HAVING count(DISTINCT strftime(timezone('UTC', t.occurred_at), '%Y-%m')) >= 2
     ORDER BY sum(t.normalized_amount) DESC, t.merchant, t.category`,
  );
}

/**
 * Anomalies (docs/analytics.md): a spend row at least 3 sample standard deviations from the mean
 * of the customer's OTHER spend rows in its category (leave-one-out), given at least 5 others
 * that are not all equal. Sums in exact decimals; only the last division and root in doubles.
 */
async function anomalies(sql: EvalSql) {
  return sql.rows(
    `WITH spend AS (
       SELECT t.tx_id, a.customer_id, t.category, CAST(t.normalized_amount AS DECIMAL(38,2)) AS amount
       FROM raw.transactions t JOIN raw.accounts a ON a.account_id = t.account_id
       WHERE t.direction = 'DEBIT' AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')),
     groups AS (SELECT customer_id, category, count(*) AS n, sum(amount) AS total, sum(amount * amount) AS squares
                FROM spend GROUP BY 1, 2 HAVING count(*) > 5),
     others AS (SELECT s.tx_id, s.customer_id, s.amount, g.n - 1 AS k, g.total - s.amount AS other_sum, g.squares - s.amount * s.amount AS other_squares
                FROM spend s JOIN groups g USING (customer_id, category)),
     scored AS (SELECT *, CAST(k * other_squares - other_sum * other_sum AS DOUBLE) / (k * (k - 1)) AS variance FROM others)
     SELECT tx_id, customer_id, CAST(amount AS DECIMAL(18,2))::VARCHAR AS amount,
       (CAST(amount * k - other_sum AS DOUBLE) / k) / sqrt(variance) AS z
     FROM scored WHERE variance > 0 AND abs((CAST(amount * k - other_sum AS DOUBLE) / k) / sqrt(variance)) >= 3
     ORDER BY abs(z) DESC, tx_id`,
  );
}
