import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';
import type { ProbeCase } from './probe-cases.ts';

// A sealed held-out set (issue #20, 2026-12-07 session 5): written before any planner change of
// that session, with its own SQL (it uses EvalSql only to run statements, not its spend/income
// helpers), and never looked at while changing the planner: `run-sealed.ts` prints counts per
// class only, never a question's answer. Subjects are customers the other sets do not use
// (ranks 28-39 by activity, read here by customer_id order) so a fix made for another set's
// customer cannot leak into this one.

const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
const refused: Expectation = { kind: 'refused' };
const eur = (amount: string) => `${amount} EUR`;
const q = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The day of a transaction, in UTC. */
const DAY = "CAST(timezone('UTC', t.occurred_at) AS DATE)";
/** Counted rows (docs/analytics.md): not a transfer, not reversed or declined, not deleted. */
const KEPT = "NOT t._deleted AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')";
const money = (expr: string) => `CAST(CAST(coalesce(${expr}, 0) AS DECIMAL(18,2)) AS VARCHAR)`;

interface Scope {
  readonly customer?: string;
  readonly from: string;
  readonly to: string;
  /** Extra SQL conditions on t (category, country, channel...). */
  readonly and?: readonly string[];
}

function scope(s: Scope): string {
  const parts = [KEPT, `${DAY} BETWEEN DATE ${q(s.from)} AND DATE ${q(s.to)}`, ...(s.and ?? [])];
  if (s.customer) parts.push(`t.account_id IN (SELECT account_id FROM raw.accounts WHERE customer_id = ${q(s.customer)})`);
  return `FROM raw.transactions t WHERE ${parts.join(' AND ')}`;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const month = (m: string) => ({ from: `${m}-01`, to: lastDayOf(m) });

function signedDiff(before: string, after: string): string {
  const cents = Math.round(Number(after) * 100) - Math.round(Number(before) * 100);
  return `${cents < 0 ? '-' : '+'}${(Math.abs(cents) / 100).toFixed(2)}`;
}

function percent(before: string, after: string): string {
  const v = Math.round(((Number(after) - Number(before)) / Math.abs(Number(before))) * 10_000) / 100;
  return `${v >= 0 ? '+' : ''}${v.toFixed(2)}%`;
}

export async function buildSealedCases(sql: EvalSql): Promise<ProbeCase[]> {
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation) =>
    cases.push({ cls, id: `sealed-${id}`, questions: [question], expect, heldOut: true });

  const spend = async (s: Scope) => (await sql.one(`SELECT ${money("sum(t.normalized_amount) FILTER (WHERE t.direction = 'DEBIT')")} AS v ${scope(s)}`)).v as string;
  const income = async (s: Scope) => (await sql.one(`SELECT ${money("sum(t.normalized_amount) FILTER (WHERE t.direction = 'CREDIT')")} AS v ${scope(s)}`)).v as string;
  const net = async (s: Scope) =>
    (await sql.one(`SELECT ${money("sum(CASE t.direction WHEN 'CREDIT' THEN t.normalized_amount ELSE -t.normalized_amount END)")} AS v ${scope(s)}`)).v as string;
  const rowsCounted = async (s: Scope) => (await sql.one(`SELECT CAST(count(*) AS VARCHAR) AS v ${scope(s)}`)).v as string;
  const topBy = async (column: string, s: Scope, n = 1) =>
    sql.rows(
      `SELECT ${column} AS k, ${money('sum(t.normalized_amount)')} AS v ${scope({ ...s, and: [...(s.and ?? []), "t.direction = 'DEBIT'", `coalesce(${column}, '') <> ''`] })}
       GROUP BY 1 ORDER BY sum(t.normalized_amount) DESC, 1 LIMIT ${n}`,
    );

  // Activity rank 28..39 (the eval, probe and varied sets use 0..27).
  const ranked = (
    await sql.rows(
      `SELECT a.customer_id AS v FROM raw.accounts a JOIN raw.transactions t USING (account_id)
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 12 OFFSET 28`,
    )
  ).map((r) => r.v as string);
  const C = (i: number) => ranked[i % ranked.length] as string;
  const bounds = await sql.one(`SELECT CAST(min(${DAY}) AS VARCHAR) AS lo, CAST(max(${DAY}) AS VARCHAR) AS hi FROM raw.transactions t WHERE NOT t._deleted`);
  const first = bounds.lo as string;
  const latest = bounds.hi as string;
  const coverageMonths = (Number(latest.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(latest.slice(5, 7)) - Number(first.slice(5, 7)) + 1;
  const latestMonth = latest.slice(0, 7);
  const monthBack = (n: number) => {
    const [y, m] = latestMonth.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
  };

  // --- filters named in the question -------------------------------------------------------
  const countryName: Record<string, string> = { DE: 'Germany', FR: 'France', ES: 'Spain', IT: 'Italy', NL: 'the Netherlands', GB: 'the UK', AT: 'Austria', BE: 'Belgium', PT: 'Portugal', IE: 'Ireland', PL: 'Poland', SE: 'Sweden' };
  const countries = (await sql.rows(`SELECT t.country AS k FROM raw.transactions t WHERE t.country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1`))
    .map((r) => r.k as string)
    .filter((k) => countryName[k]);
  if (countries[0]) {
    const k = countries[0];
    add('filter', 'country-all-april', `total card spend in ${countryName[k]} for April 2026`, answer(eur(await spend({ ...month('2026-04'), and: [`t.country = ${q(k)}`] }))));
  }
  if (countries[1]) {
    const k = countries[1];
    add('filter', 'country-customer', `How much did ${C(0)} spend in ${countryName[k]} in 2026?`, answer(eur(await spend({ customer: C(0), from: '2026-01-01', to: '2026-12-31', and: [`t.country = ${q(k)}`] }))));
  }
  add('filter', 'channel-online', `How much did ${C(1)} spend online in March 2026?`, answer(eur(await spend({ customer: C(1), ...month('2026-03'), and: ["t.channel = 'ONLINE'"] }))));
  add('filter', 'channel-dd', `direct debit payments of ${C(2)} in May 2026, total`, answer(eur(await spend({ customer: C(2), ...month('2026-05'), and: ["t.channel = 'DIRECT_DEBIT'"] }))));
  {
    const top = (await topBy('t.category', { customer: C(3), ...month('2026-02') }))[0];
    if (top) add('filter', 'category-customer-month', `${C(3)}: what went on ${(top.k as string).toLowerCase()} in February 2026?`, answer(eur(top.v as string)));
  }
  {
    const m = (await topBy('t.merchant', { customer: C(4), ...month('2026-03') }))[0];
    if (m) add('filter', 'merchant-customer-month', `How much did ${C(4)} pay at ${m.k as string} in March 2026?`, answer(eur(m.v as string)));
  }

  // --- time ranges --------------------------------------------------------------------------
  add('time', 'january-to-june', `How much did ${C(5)} spend between January and June 2026?`, answer(eur(await spend({ customer: C(5), from: '2026-01-01', to: '2026-06-30' }))));
  add('time', 'first-three-months', `${C(6)} spending in the first three months of 2026`, answer(eur(await spend({ customer: C(6), from: '2026-01-01', to: '2026-03-31' }))));
  add('time', 'since-march', `How much has ${C(7)} spent since March 2026?`, answer(eur(await spend({ customer: C(7), from: '2026-03-01', to: latest }))));
  add('time', 'last-two-months', `what did ${C(8)} spend in the last two months`, answer(eur(await spend({ customer: C(8), from: `${monthBack(1)}-01`, to: latest }))));
  add('time', 'single-day', `How much did ${C(9)} spend on 2026-04-14?`, answer(eur(await spend({ customer: C(9), from: '2026-04-14', to: '2026-04-14' }))));
  add('time', 'second-half-of-month', `spending of ${C(10)} from 16 May 2026 to 31 May 2026`, answer(eur(await spend({ customer: C(10), from: '2026-05-16', to: '2026-05-31' }))));

  // --- comparisons: later minus earlier -----------------------------------------------------
  {
    const a = await spend({ customer: C(11), ...month('2026-04') });
    const b = await spend({ customer: C(11), ...month('2026-05') });
    add('comparison', 'higher-in-may', `Was ${C(11)}'s spending higher in May 2026 than in April 2026?`, answer(eur(signedDiff(a, b))));
  }
  {
    const a = await spend({ customer: C(0), ...month('2026-02') });
    const b = await spend({ customer: C(0), ...month('2026-03') });
    add('comparison', 'change-feb-mar', `change in ${C(0)}'s spending from feb 2026 to mar 2026`, answer(eur(signedDiff(a, b))));
  }
  {
    const a = await income({ customer: C(1), ...month('2026-03') });
    const b = await income({ customer: C(1), ...month('2026-04') });
    add('comparison', 'income-change', `How did ${C(1)}'s income change between March 2026 and April 2026?`, answer(eur(signedDiff(a, b))));
  }
  {
    const a = await spend({ customer: C(2), ...month('2026-05') });
    const b = await spend({ customer: C(2), ...month('2026-06') });
    add('comparison', 'june-vs-may', `${C(2)} spend June 2026 vs May 2026`, answer(eur(signedDiff(a, b))));
  }

  // --- percent change -----------------------------------------------------------------------
  for (const [i, [cu, from, to, phrase]] of (
    [
      [C(3), '2026-01', '2026-02', (x: string) => `What was the percentage change in ${x}'s spending from January 2026 to February 2026?`],
      [C(4), '2026-03', '2026-04', (x: string) => `by how much percent did spending of ${x} go up or down from march to april 2026`],
      [C(5), '2026-04', '2026-05', (x: string) => `${x} spend % change april 2026 -> may 2026`],
    ] as const
  ).entries()) {
    const a = await spend({ customer: cu, ...month(from) });
    const b = await spend({ customer: cu, ...month(to) });
    if (Number(a) !== 0) add('percent', `percent-${i}`, phrase(cu), answer(percent(a, b)));
  }

  // --- average per month over the months with data ------------------------------------------
  {
    const perMonth = (total: string) => (Math.round((Number(total) / coverageMonths) * 100) / 100).toFixed(2);
    add('average', 'avg-2026', `What is ${C(6)}'s average spending per month in 2026?`, answer(eur(perMonth(await spend({ customer: C(6), from: '2026-01-01', to: '2026-12-31' })))));
    add('average', 'avg-monthly-income', `average monthly income of ${C(7)} in 2026`, answer(eur(perMonth(await income({ customer: C(7), from: '2026-01-01', to: '2026-12-31' })))));
    add('average', 'avg-on-average', `On average, how much does ${C(8)} spend a month?`, answer(eur(perMonth(await spend({ customer: C(8), from: first, to: latest })))));
  }

  // --- balances -----------------------------------------------------------------------------
  {
    const accounts = async (cu: string) =>
      sql.rows(`SELECT account_id AS id, CAST(balance AS VARCHAR) AS b, currency AS c FROM raw.accounts WHERE NOT _deleted AND customer_id = ${q(cu)} ORDER BY 1`);
    const a9 = await accounts(C(9));
    add('balance', 'money-in-accounts', `How much money is in ${C(9)}'s accounts?`, answer(...a9.map((r) => `${r.b} ${r.c}`)));
    const a10 = (await accounts(C(10)))[0];
    if (a10) add('balance', 'account-hold', `What does account ${a10.id} hold right now?`, answer(`${a10.b} ${a10.c}`));
    const a11 = (await accounts(C(11)))[0];
    if (a11) add('balance', 'current-balance', `What is the current balance of ${a11.id}?`, answer(`${a11.b} ${a11.c}`));
    const a0 = await accounts(C(0));
    add('balance', 'account-balances-now', `${C(0)} account balances right now`, answer(...a0.map((r) => `${r.b} ${r.c}`)));
  }

  // --- rankings -----------------------------------------------------------------------------
  {
    const city = (await topBy('t.city', month('2026-04')))[0];
    if (city) add('ranking', 'top-city-april', 'top city by spending in April 2026', answer(city.k as string, eur(city.v as string)));
    const own = (await topBy('t.city', { customer: C(1), from: '2026-01-01', to: '2026-12-31' }))[0];
    if (own) add('ranking', 'customer-city', `In which city did ${C(1)} spend the most in 2026?`, answer(own.k as string, eur(own.v as string)));
    const cat = (await topBy('t.category', { customer: C(2), ...month('2026-05') }))[0];
    if (cat) add('ranking', 'largest-expense-category', `What was ${C(2)}'s largest expense category in May 2026?`, answer(cat.k as string, eur(cat.v as string)));
    const merch = (await topBy('t.merchant', { customer: C(3), ...month('2026-03') }))[0];
    if (merch) add('ranking', 'merchant-most', `Which merchant did ${C(3)} spend the most at in March 2026?`, answer(merch.k as string, eur(merch.v as string)));
    const three = await topBy('t.category', { customer: C(4), ...month('2026-04') }, 3);
    add('ranking', 'top-three-categories', `top 3 spending categories for ${C(4)} in April 2026`, answer(...three.flatMap((r) => [r.k as string, eur(r.v as string)])));
  }

  // --- counts -------------------------------------------------------------------------------
  add('count', 'how-many-march', `How many transactions did ${C(5)} make in March 2026?`, answer(await rowsCounted({ customer: C(5), ...month('2026-03') })));
  add('count', 'number-april', `number of transactions for ${C(6)} in april 2026`, answer(await rowsCounted({ customer: C(6), ...month('2026-04') })));

  // --- plain phrasings of spend, income, net -------------------------------------------------
  add('phrasing', 'expenses', `What were ${C(7)}'s expenses in February 2026?`, answer(eur(await spend({ customer: C(7), ...month('2026-02') }))));
  add('phrasing', 'money-received', `total money received by ${C(8)} in May 2026`, answer(eur(await income({ customer: C(8), ...month('2026-05') }))));
  add('phrasing', 'inflows', `${C(9)} inflows for March 2026`, answer(eur(await income({ customer: C(9), ...month('2026-03') }))));
  add('phrasing', 'savings', `How much did ${C(10)} save in April 2026 (income minus spending)?`, answer(eur(await net({ customer: C(10), ...month('2026-04') }))));
  add('phrasing', 'surplus', `Did ${C(11)} end February 2026 with a surplus or a deficit?`, answer(eur(await net({ customer: C(11), ...month('2026-02') }))));
  add('phrasing', 'outgoings-last-month', `${C(0)} outgoings last month`, answer(eur(await spend({ customer: C(0), ...month(monthBack(1)) }))));

  // --- typos --------------------------------------------------------------------------------
  add('typo', 'febuary', `how much did ${C(1)} spend in febuary 2026`, answer(eur(await spend({ customer: C(1), ...month('2026-02') }))));
  add('typo', 'spendign', `${C(2)} spendign in march 2026`, answer(eur(await spend({ customer: C(2), ...month('2026-03') }))));
  add('typo', 'incom', `what was the incom of ${C(3)} in May 2026`, answer(eur(await income({ customer: C(3), ...month('2026-05') }))));

  // --- unanswerable: refuse -----------------------------------------------------------------
  const unanswerable: Array<[string, string]> = [
    ['future-balance', `What will ${C(4)}'s balance be at the end of 2027?`],
    ['nationality', `What is the nationality of ${C(5)}?`],
    ['before-data-month', `How much did ${C(6)} spend in December 2025?`],
    ['iban', `What's the IBAN of ${C(7)}?`],
    ['exchange-rate', 'What is the EUR to USD exchange rate today?'],
    ['after-data-month', `How much will ${C(8)} earn in September 2026?`],
    ['account-manager', `Who is the account manager of ${C(9)}?`],
    ['loan', `Is ${C(10)} eligible for a loan?`],
  ];
  for (const [id, question] of unanswerable) add('unanswerable', id, question, refused);
  return cases;
}
