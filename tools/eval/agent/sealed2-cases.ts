import type { EvalDatasetSpec } from './eval-fixture.ts';
import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';
import type { ProbeCase } from './probe-cases.ts';

// The second sealed held-out set (issue #20, 2026-12-07 session 6). Written and committed BEFORE
// any planner change of that session, and scored once on the planner as it was (docs/agent.md).
// It is held out twice over:
// - its own dataset (another seed, 30 customers, March..September 2026), so nothing a fix learnt
//   from the eval dataset's customers, merchants or months can fit it;
// - its own SQL, written for this file from the definitions in docs/analytics.md (counted = not a
//   TRANSFER, not REVERSED/DECLINED, not deleted; spend = counted DEBIT, income = counted CREDIT,
//   net = income - spend, UTC days, base-currency normalized_amount), not the metric SQL, not the
//   planner's and not EvalSql's helpers (EvalSql only runs the statements).
// `run-sealed2.ts` prints counts per class only. Do not tune the planner to a question of it:
// a fix is allowed only for a class of defect that the first sealed set shows too.

/** The dataset this set is asked about: not the eval's (seed 4242, 40 customers, 2026-01..06). */
export const SEALED2_DATASET: EvalDatasetSpec = { seed: 8128, customers: 30, months: 7, startMonth: '2026-03' };

const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
const refused: Expectation = { kind: 'refused' };
const eur = (amount: string) => `${amount} EUR`;
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

const UTC_DAY = "CAST(timezone('UTC', t.occurred_at) AS DATE)";
const COUNTED = "NOT t._deleted AND t.txn_type <> 'TRANSFER' AND t.status NOT IN ('REVERSED', 'DECLINED')";
const decimalText = (expr: string) => `CAST(CAST(coalesce(${expr}, 0) AS DECIMAL(18,2)) AS VARCHAR)`;

interface Slice {
  readonly who?: string;
  readonly from: string;
  readonly to: string;
  readonly where?: readonly string[];
}

function sliceSql(s: Slice): string {
  const parts = [COUNTED, `${UTC_DAY} >= DATE ${lit(s.from)}`, `${UTC_DAY} <= DATE ${lit(s.to)}`, ...(s.where ?? [])];
  if (s.who) parts.push(`EXISTS (SELECT 1 FROM raw.accounts x WHERE x.account_id = t.account_id AND x.customer_id = ${lit(s.who)})`);
  return `FROM raw.transactions t WHERE ${parts.join(' AND ')}`;
}

function endOfMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const whole = (ym: string) => ({ from: `${ym}-01`, to: endOfMonth(ym) });

/** later - earlier on cents, signed, two decimals. */
function change(earlier: string, later: string): string {
  const cents = BigInt(Math.round(Number(later) * 100)) - BigInt(Math.round(Number(earlier) * 100));
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : '+'}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** (later - earlier) / |earlier| in percent, rounded to two decimals, signed. */
function pctChange(earlier: string, later: string): string {
  const value = Math.round(((Number(later) - Number(earlier)) / Math.abs(Number(earlier))) * 10_000) / 100;
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}%`;
}

/** total / months, half away from zero on cents (a tie is rare enough not to matter to two decimals). */
function perMonth(total: string, months: number): string {
  return (Math.round((Number(total) * 100) / months) / 100).toFixed(2);
}

export async function buildSealed2Cases(sql: EvalSql): Promise<ProbeCase[]> {
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation) =>
    cases.push({ cls, id: `sealed2-${id}`, questions: [question], expect, heldOut: true });

  const value = async (select: string, s: Slice) => (await sql.one(`SELECT ${select} AS v ${sliceSql(s)}`)).v as string;
  const spent = (s: Slice) => value(decimalText("sum(t.normalized_amount) FILTER (WHERE t.direction = 'DEBIT')"), s);
  const earned = (s: Slice) => value(decimalText("sum(t.normalized_amount) FILTER (WHERE t.direction = 'CREDIT')"), s);
  const netOf = (s: Slice) => value(decimalText("sum(CASE WHEN t.direction = 'CREDIT' THEN t.normalized_amount ELSE -t.normalized_amount END)"), s);
  const rows = (s: Slice) => value('CAST(count(*) AS VARCHAR)', s);
  /** Debit totals per value of a column, largest first; rows without a value left out. */
  const leaders = async (column: string, s: Slice, n: number) =>
    (await sql.rows(
      `SELECT ${column} AS k, ${decimalText('sum(t.normalized_amount)')} AS v
       ${sliceSql({ ...s, where: [...(s.where ?? []), "t.direction = 'DEBIT'", `${column} IS NOT NULL`, `${column} <> ''`] })}
       GROUP BY 1 ORDER BY sum(t.normalized_amount) DESC, 1 LIMIT ${n}`,
    )) as Array<{ k: string; v: string }>;

  // Customers in an order no other set uses (md5 of the id), only those with counted rows.
  const who = (
    await sql.rows(
      `SELECT x.customer_id AS id FROM raw.accounts x JOIN raw.transactions t ON t.account_id = x.account_id
       WHERE ${COUNTED} GROUP BY 1 HAVING count(*) > 100 ORDER BY md5(x.customer_id || ':sealed2')`,
    )
  ).map((r) => r.id as string);
  const C = (i: number) => who[i % who.length] as string;
  const accountsOf = async (customer: string) =>
    sql.rows(`SELECT account_id AS id, account_type AS kind, CAST(balance AS VARCHAR) AS b, currency AS c FROM raw.accounts WHERE NOT _deleted AND customer_id = ${lit(customer)} ORDER BY 1`);

  const span = await sql.one(`SELECT CAST(min(${UTC_DAY}) AS VARCHAR) AS lo, CAST(max(${UTC_DAY}) AS VARCHAR) AS hi FROM raw.transactions t WHERE NOT t._deleted`);
  const firstDay = span.lo as string;
  const today = span.hi as string; // the agent's "today": the latest transaction's day
  const monthsCovered = (from: string, to: string) => {
    const lo = from < firstDay ? firstDay : from;
    const hi = to > today ? today : to;
    return (Number(hi.slice(0, 4)) - Number(lo.slice(0, 4))) * 12 + Number(hi.slice(5, 7)) - Number(lo.slice(5, 7)) + 1;
  };
  const thisMonth = today.slice(0, 7);
  const back = (n: number) => {
    const [y, m] = thisMonth.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
  };

  // --- filters named in the question ------------------------------------------------------
  const countryNames: Record<string, string> = { DE: 'Germany', GB: 'the United Kingdom', IE: 'Ireland', ES: 'Spain', CZ: 'the Czech Republic', SE: 'Sweden', PL: 'Poland', NL: 'the Netherlands', CH: 'Switzerland', NO: 'Norway', AT: 'Austria', FR: 'France' };
  {
    const top = (await leaders('t.country', { who: C(0), ...whole('2026-07') }, 20)).find((r) => countryNames[r.k]);
    if (top) add('filter', 'country-customer', `What did ${C(0)} spend in ${countryNames[top.k]} during July 2026?`, answer(eur(top.v)));
    const busiest = (await sql.rows(`SELECT t.country AS k FROM raw.transactions t WHERE t.country <> '' GROUP BY 1 ORDER BY count(*) DESC, 1`)).map((r) => r.k as string).find((k) => countryNames[k]);
    if (busiest) add('filter', 'country-everyone', `everyone's spending in ${countryNames[busiest]}, June 2026`, answer(eur(await spent({ ...whole('2026-06'), where: [`t.country = ${lit(busiest)}`] }))));
  }
  add('filter', 'channel-mobile', `${C(1)} mobile payments in August 2026 - how much?`, answer(eur(await spent({ who: C(1), ...whole('2026-08'), where: ["t.channel = 'MOBILE'"] }))));
  add('filter', 'channel-atm', `How much did ${C(2)} spend at the ATM in Q2 2026?`, answer(eur(await spent({ who: C(2), from: '2026-04-01', to: '2026-06-30', where: ["t.channel = 'ATM'"] }))));
  add('filter', 'category-grocery-bill', `${C(3)}'s grocery bill for June 2026`, answer(eur(await spent({ who: C(3), ...whole('2026-06'), where: ["t.category = 'Groceries'"] }))));
  add('filter', 'category-dining-out', `money ${C(4)} spent on dining out in September 2026`, answer(eur(await spent({ who: C(4), ...whole('2026-09'), where: ["t.category = 'Dining'"] }))));
  {
    const m = (await leaders('t.merchant', { who: C(5), ...whole('2026-05') }, 1))[0];
    if (m) add('filter', 'merchant-paid-to', `What did ${C(5)} pay to ${m.k} in May 2026?`, answer(eur(m.v)));
  }
  add('filter', 'subcategory-cafes', `${C(7)} spent how much in cafes in August 2026?`, answer(eur(await spent({ who: C(7), ...whole('2026-08'), where: ["t.subcategory = 'Cafes'"] }))));

  // --- time ranges, absolute and relative to today ------------------------------------------
  add('time', 'q3', `${C(8)} spending over Q3 2026`, answer(eur(await spent({ who: C(8), from: '2026-07-01', to: '2026-09-30' }))));
  add('time', 'start-until-end', `How much did ${C(9)} spend from the start of June 2026 until the end of August 2026?`, answer(eur(await spent({ who: C(9), from: '2026-06-01', to: '2026-08-31' }))));
  add('time', 'so-far-this-year', `What has ${C(10)} spent so far this year?`, answer(eur(await spent({ who: C(10), from: `${today.slice(0, 4)}-01-01`, to: today }))));
  add('time', 'month-before-last', `What did ${C(11)} spend the month before last?`, answer(eur(await spent({ who: C(11), ...whole(back(2)) }))));
  add('time', 'two-months-ago', `${C(12)} spending two months ago`, answer(eur(await spent({ who: C(12), ...whole(back(2)) }))));
  add('time', 'written-day-range', `how much did ${C(13)} spend from June 8 to June 14, 2026`, answer(eur(await spent({ who: C(13), from: '2026-06-08', to: '2026-06-14' }))));
  add('time', 'written-single-day', `${C(14)}: spending on 3 July 2026`, answer(eur(await spent({ who: C(14), from: '2026-07-03', to: '2026-07-03' }))));
  add('time', 'this-month', `How much did ${C(15)} spend this month?`, answer(eur(await spent({ who: C(15), from: `${thisMonth}-01`, to: today }))));
  add('time', 'summer-months', `${C(16)}'s spending during the summer months (June to August 2026)`, answer(eur(await spent({ who: C(16), from: '2026-06-01', to: '2026-08-31' }))));

  // --- comparisons: the change is later minus earlier -----------------------------------------
  {
    const jul = await spent({ who: C(18), ...whole('2026-07') });
    const aug = await spent({ who: C(18), ...whole('2026-08') });
    add('comparison', 'more-or-less', `Did ${C(18)} spend more or less in August 2026 than in July 2026?`, answer(eur(change(jul, aug))));
  }
  {
    const aug = await earned({ who: C(19), ...whole('2026-08') });
    const sep = await earned({ who: C(19), ...whole('2026-09') });
    add('comparison', 'earn-compared-to', `How much more or less did ${C(19)} earn in September 2026 compared to August 2026?`, answer(eur(change(aug, sep))));
  }
  {
    const jun = await spent({ who: C(20), ...whole('2026-06') });
    const jul = await spent({ who: C(20), ...whole('2026-07') });
    add('comparison', 'versus-difference', `${C(20)} spending: July 2026 versus June 2026, what's the difference?`, answer(eur(change(jun, jul))));
  }
  {
    const may = await netOf({ who: C(21), ...whole('2026-05') });
    const jun = await netOf({ who: C(21), ...whole('2026-06') });
    add('comparison', 'net-compare', `compare ${C(21)}'s net cash flow in May 2026 and June 2026`, answer(eur(change(may, jun))));
  }
  {
    const apr = await spent({ who: C(22), ...whole('2026-04') });
    const may = await spent({ who: C(22), ...whole('2026-05') });
    add('comparison', 'develop', `How did ${C(22)}'s spending develop from April 2026 to May 2026?`, answer(eur(change(apr, may))));
  }

  // --- percent change -----------------------------------------------------------------------
  const percentCase = async (id: string, customer: string, measure: (s: Slice) => Promise<string>, earlier: string, later: string, question: string) => {
    const a = await measure({ who: customer, ...whole(earlier) });
    const b = await measure({ who: customer, ...whole(later) });
    if (Number(a) !== 0) add('percent', id, question, answer(pctChange(a, b)));
  };
  await percentCase('rise-or-fall', C(23), spent, '2026-06', '2026-07', `What percentage did ${C(23)}'s spending rise or fall between June 2026 and July 2026?`);
  await percentCase('income-pct', C(24), earned, '2026-07', '2026-08', `${C(24)}: % change in income, July 2026 to August 2026`);
  await percentCase('last-to-this', C(25), spent, back(1), thisMonth, `By what percent did ${C(25)}'s spending change from last month to this month?`);
  await percentCase('relative-change', C(26), spent, '2026-05', '2026-06', `relative change in ${C(26)}'s spending from May to June 2026, in percent`);

  // --- average per month: over the months of the range that the data covers -------------------
  {
    const in2026 = { from: '2026-01-01', to: '2026-12-31' };
    const months2026 = monthsCovered(in2026.from, in2026.to);
    add('average', 'per-month-on-average', `What does ${C(27)} spend per month on average in 2026?`, answer(eur(perMonth(await spent({ who: C(27), ...in2026 }), months2026))));
    add('average', 'mean-monthly', `mean monthly spending of ${C(28)} this year`, answer(eur(perMonth(await spent({ who: C(28), from: `${today.slice(0, 4)}-01-01`, to: today }), monthsCovered(`${today.slice(0, 4)}-01-01`, today)))));
    add('average', 'monthly-income-all', `${C(29)}'s average monthly income`, answer(eur(perMonth(await earned({ who: C(29), from: firstDay, to: today }), monthsCovered(firstDay, today)))));
    add('average', 'grocery-per-month', `average monthly grocery spend for ${C(0)} in 2026`, answer(eur(perMonth(await spent({ who: C(0), ...in2026, where: ["t.category = 'Groceries'"] }), months2026))));
    add('average', 'range-per-month', `On average, how much did ${C(1)} spend per month from June to August 2026?`, answer(eur(perMonth(await spent({ who: C(1), from: '2026-06-01', to: '2026-08-31' }), 3))));
  }

  // --- balances -------------------------------------------------------------------------------
  {
    const listed = (accounts: Array<Record<string, string>>) => accounts.map((r) => `${r.b} ${r.c}`);
    add('balance', 'show-balances', `Show me the balances of ${C(2)}`, answer(...listed(await accountsOf(C(2)))));
    const first3 = (await accountsOf(C(3)))[0];
    if (first3) add('balance', 'have-in-it', `How much does account ${first3.id} have in it?`, answer(`${first3.b} ${first3.c}`));
    add('balance', 'funds-across', `${C(4)} - current funds across accounts`, answer(...listed(await accountsOf(C(4)))));
    const first5 = (await accountsOf(C(5)))[0];
    if (first5) add('balance', 'balance-today', `What is ${first5.id}'s balance today?`, answer(`${first5.b} ${first5.c}`));
    const checking = (await accountsOf(C(6))).find((r) => r.kind === 'CHECKING');
    if (checking) add('balance', 'checking-account', `balance of ${C(6)}'s checking account`, answer(`${checking.b} ${checking.c}`));
  }

  // --- rankings (values unknown to the data are not a winner) --------------------------------
  {
    const cat = (await leaders('t.category', { who: C(7), ...whole('2026-07') }, 1))[0];
    if (cat) add('ranking', 'most-money-went', `Where did most of ${C(7)}'s money go in July 2026, by category?`, answer(cat.k, eur(cat.v)));
    const two = await leaders('t.merchant', { who: C(8), ...whole('2026-06') }, 2);
    add('ranking', 'top-two-merchants', `top two merchants for ${C(8)} in June 2026`, answer(...two.flatMap((r) => [r.k, eur(r.v)])));
    const country = (await leaders('t.country', { who: C(9), from: '2026-01-01', to: '2026-12-31' }, 1))[0];
    if (country) add('ranking', 'country-most', `In which country did ${C(9)} spend the most in 2026?`, answer(country.k, eur(country.v)));
    const city = (await leaders('t.city', whole('2026-08'), 1))[0];
    if (city) add('ranking', 'city-highest', 'which city had the highest total spending in August 2026?', answer(city.k, eur(city.v)));
    const merchant = (await leaders('t.merchant', { who: C(10), ...whole('2026-09') }, 1))[0];
    if (merchant) add('ranking', 'biggest-merchant', `${C(10)}'s biggest merchant by spend in September 2026`, answer(merchant.k, eur(merchant.v)));
    const channel = (await leaders('t.channel', { who: C(11), from: '2026-01-01', to: '2026-12-31' }, 1))[0];
    if (channel) add('ranking', 'channel-most', `Which channel does ${C(11)} use most for spending in 2026, by amount?`, answer(channel.k, eur(channel.v)));
    const three = await leaders('t.category', { who: C(12), ...whole('2026-08') }, 3);
    add('ranking', 'rank-three', `rank ${C(12)}'s top 3 categories by spend for August 2026`, answer(...three.flatMap((r) => [r.k, eur(r.v)])));
  }

  // --- counts (counted rows, both directions) -------------------------------------------------
  add('count', 'q2-count', `How many transactions did ${C(13)} have in Q2 2026?`, answer(await rows({ who: C(13), from: '2026-04-01', to: '2026-06-30' })));
  add('count', 'count-imperative', `count ${C(14)}'s transactions in September 2026`, answer(await rows({ who: C(14), ...whole('2026-09') })));
  add('count', 'grocery-count', `how many grocery transactions did ${C(15)} make in July 2026?`, answer(await rows({ who: C(15), ...whole('2026-07'), where: ["t.category = 'Groceries'"] })));
  add('count', 'online-count', `number of online transactions by ${C(16)} in June 2026`, answer(await rows({ who: C(16), ...whole('2026-06'), where: ["t.channel = 'ONLINE'"] })));

  // --- plain words for spend, income and net ------------------------------------------------
  add('phrasing', 'money-left', `How much money left ${C(17)}'s accounts in June 2026?`, answer(eur(await spent({ who: C(17), ...whole('2026-06') }))));
  add('phrasing', 'earnings', `${C(18)} earnings for August 2026`, answer(eur(await earned({ who: C(18), ...whole('2026-08') }))));
  add('phrasing', 'bring-in', `What did ${C(19)} bring in during July 2026?`, answer(eur(await earned({ who: C(19), ...whole('2026-07') }))));
  add('phrasing', 'net-result', `net result for ${C(20)} in June 2026`, answer(eur(await netOf({ who: C(20), ...whole('2026-06') }))));
  add('phrasing', 'expenditure', `What was ${C(21)}'s total expenditure in May 2026?`, answer(eur(await spent({ who: C(21), ...whole('2026-05') }))));
  add('phrasing', 'outflow', `${C(22)} total outflow September 2026`, answer(eur(await spent({ who: C(22), ...whole('2026-09') }))));

  // --- two questions in one ------------------------------------------------------------------
  add('multi', 'spend-and-earn', `How much did ${C(23)} spend and how much did they earn in July 2026?`, answer(eur(await spent({ who: C(23), ...whole('2026-07') })), eur(await earned({ who: C(23), ...whole('2026-07') }))));
  add('multi', 'income-and-expenses', `${C(24)}: income and expenses for June 2026`, answer(eur(await earned({ who: C(24), ...whole('2026-06') })), eur(await spent({ who: C(24), ...whole('2026-06') }))));
  add('multi', 'two-months', `What was ${C(25)}'s spending in July 2026 and in August 2026?`, answer(eur(await spent({ who: C(25), ...whole('2026-07') })), eur(await spent({ who: C(25), ...whole('2026-08') }))));

  // --- typos ------------------------------------------------------------------------------------
  add('typo', 'spnd-agust', `how much did ${C(26)} spnd in agust 2026`, answer(eur(await spent({ who: C(26), ...whole('2026-08') }))));
  add('typo', 'groceres', `${C(27)} groceres in july 2026`, answer(eur(await spent({ who: C(27), ...whole('2026-07'), where: ["t.category = 'Groceries'"] }))));
  {
    const acc = (await accountsOf(C(28)))[0];
    if (acc) add('typo', 'balanse', `what is the balanse of ${acc.id}`, answer(`${acc.b} ${acc.c}`));
  }
  add('typo', 'transactons', `transactons count for ${C(29)} in june 2026`, answer(await rows({ who: C(29), ...whole('2026-06') })));
  add('typo', 'incme-septmber', `${C(0)} incme septmber 2026`, answer(eur(await earned({ who: C(0), ...whole('2026-09') }))));

  // --- the data cannot answer these: refuse ----------------------------------------------------
  const cannot: Array<[string, string]> = [
    ['next-month', `What will ${C(1)} spend next month?`],
    ['credit-score', `What's ${C(2)}'s credit score?`],
    ['before-data-month', `How much did ${C(3)} spend in February 2026?`],
    ['before-data-year', `${C(4)} spending in 2025`],
    ['date-of-birth', `What is ${C(5)}'s date of birth?`],
    ['churn', 'Which customers will churn next quarter?'],
    ['interest-rate', `What interest rate does ${C(6)}'s savings account pay?`],
    ['after-data-month', `How much did ${C(7)} spend in November 2026?`],
    ['bonds', `Should ${C(8)} invest in bonds?`],
    ['tax-owed', `How much tax does ${C(9)} owe for 2026?`],
  ];
  for (const [id, question] of cannot) add('unanswerable', id, question, refused);
  return cases;
}
