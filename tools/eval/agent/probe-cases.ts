import type { EvalCase } from './eval-cases.ts';
import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';

// Questions written the way a new user asks them (issue #20), in the classes the issue found
// answered wrongly: filters dropped, comparisons with the sign inverted, percent changes summed,
// averages over months without data, balance asked in other words, unknown cities ranked, the
// word "suspicious", questions the data cannot answer, plain phrasings and typos. Written before
// any planner change; `heldOut` cases were never looked at while changing the planner. Every
// expected figure comes from EvalSql (hand-written SQL on the RAW tables), not from the planner.

export interface ProbeCase extends EvalCase {
  readonly cls: string;
  readonly heldOut: boolean;
}

const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
const refused: Expectation = { kind: 'refused' };
const eur = (amount: string) => `${amount} EUR`;

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** (b - a) / |a| in percent, two decimals, signed; what any reader computes by hand. */
function pct(a: string, b: string): string {
  const before = Number(a);
  const value = Math.round(((Number(b) - before) / Math.abs(before)) * 10_000) / 100;
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}%`;
}

function diff(a: string, b: string): string {
  const cents = Math.round(Number(b) * 100) - Math.round(Number(a) * 100);
  const text = (Math.abs(cents) / 100).toFixed(2);
  return cents < 0 ? `-${text}` : `+${text}`;
}

export async function buildProbeCases(sql: EvalSql): Promise<ProbeCase[]> {
  const latest = await sql.latestDay();
  const first = (await sql.one(`SELECT CAST(CAST(timezone('UTC', min(occurred_at)) AS DATE) AS VARCHAR) AS v FROM raw.transactions WHERE NOT _deleted`)).v as string;
  const C = await Promise.all(Array.from({ length: 16 }, (_, i) => sql.customerByRank(i + 12)));
  const c = (i: number) => C[i] as string;
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation, heldOut = false) =>
    cases.push({ cls, id, questions: [question], expect, heldOut });
  const thisMonth = latest.slice(0, 7);
  const [ty, tm] = thisMonth.split('-').map(Number) as [number, number];
  const monthsBack = (n: number) => new Date(Date.UTC(ty, tm - 1 - n, 1)).toISOString().slice(0, 7);

  // --- a filter named in the question is applied -------------------------------------------
  const countries = (await sql.rows(`SELECT DISTINCT country AS v FROM raw.transactions WHERE country IS NOT NULL AND country <> '' ORDER BY 1`)).map((r) => r.v as string);
  const names: Record<string, string> = { FR: 'France', ES: 'Spain', IT: 'Italy', NL: 'the Netherlands', GB: 'the United Kingdom', US: 'the United States', AT: 'Austria', BE: 'Belgium', PT: 'Portugal' };
  const [k1, k2] = countries.filter((k) => names[k]);
  if (k1) {
    const s = await sql.spend({ country: k1, ...monthRange('2026-03') });
    add('filter', 'country-month', `How much did customers spend in ${names[k1]} in March 2026?`, answer(eur(s.amount)));
    const byCategory = await sql.spendBy('t.category', { country: k1, ...monthRange('2026-02') });
    const top = byCategory[0];
    if (top) add('filter', 'country-by-category', `Spending by category in ${names[k1]} in February 2026`, answer(`${top.key} ${eur(top.amount)}`));
  }
  if (k2) {
    const s = await sql.spend({ country: k2, ...monthRange('2026-02') });
    add('filter', 'country-held-out', `what was the spend in ${names[k2]} during february 2026`, answer(eur(s.amount)), true);
  }
  {
    const s = await sql.spend({ customer: c(0), from: '2026-02-01', to: '2026-04-30' });
    add('time', 'from-month-to-month', `What did ${c(0)} spend from February to April 2026?`, answer(eur(s.amount)));
  }
  {
    const s = await sql.spend({ customer: c(1), from: '2026-01-01', to: '2026-03-31' });
    add('time', 'first-quarter-words', `How much did ${c(1)} spend in the first quarter of 2026?`, answer(eur(s.amount)), true);
  }
  {
    const s = await sql.spend({ customer: c(2), from: '2026-01-01', to: '2026-06-30' });
    add('time', 'first-half', `How much did ${c(2)} spend in the first half of 2026?`, answer(eur(s.amount)));
  }

  // --- comparisons: the sign of the change, percent changes -------------------------------
  {
    const mar = await sql.spend({ customer: c(3), ...monthRange('2026-03') });
    const apr = await sql.spend({ customer: c(3), ...monthRange('2026-04') });
    add('comparison', 'later-vs-earlier', `How did ${c(3)}'s spending in April 2026 compare to March 2026?`, answer(eur(diff(mar.amount, apr.amount))));
    add('comparison', 'percent-change', `By what percent did ${c(3)}'s spending change from March to April 2026?`, answer(pct(mar.amount, apr.amount)));
  }
  {
    const apr = await sql.spend({ customer: c(4), ...monthRange('2026-04') });
    const may = await sql.spend({ customer: c(4), ...monthRange('2026-05') });
    add('comparison', 'versus-held-out', `Spending of ${c(4)} in May 2026 versus April 2026?`, answer(eur(diff(apr.amount, may.amount))), true);
    add('comparison', 'percent-held-out', `percentage change in spend of ${c(4)} between April 2026 and May 2026`, answer(pct(apr.amount, may.amount)), true);
  }

  // --- average per month: months with data -------------------------------------------------
  {
    const months = Number(thisMonth.slice(5, 7)) - Number(first.slice(5, 7)) + 1;
    const s = await sql.spend({ customer: c(5), from: '2026-01-01', to: '2026-12-31' });
    const avg = (Math.round((Number(s.amount) / months) * 100) / 100).toFixed(2);
    add('average', 'average-per-month-year', `What was ${c(5)}'s average monthly spend in 2026?`, answer(eur(avg)));
    const s2 = await sql.spend({ customer: c(6), from: '2026-01-01', to: '2026-12-31' });
    const avg2 = (Math.round((Number(s2.amount) / months) * 100) / 100).toFixed(2);
    add('average', 'average-per-month-held-out', `average spend per month in 2026 for ${c(6)}`, answer(eur(avg2)), true);
  }

  // --- balance, asked in other words -------------------------------------------------------
  {
    const rows = await sql.rows(`SELECT account_id, CAST(balance AS VARCHAR) AS balance, currency FROM raw.accounts WHERE NOT _deleted AND customer_id = '${c(7)}' ORDER BY 1`);
    add('balance', 'how-much-money', `How much money does ${c(7)} have?`, answer(...rows.map((r) => `${r.balance} ${r.currency}`)));
    const account = rows[0];
    if (account) add('balance', 'whats-in-account', `What is in account ${account.account_id} now?`, answer(`${account.balance} ${account.currency}`));
    const other = await sql.rows(`SELECT account_id, CAST(balance AS VARCHAR) AS balance, currency FROM raw.accounts WHERE NOT _deleted AND customer_id = '${c(8)}' ORDER BY 1`);
    add('balance', 'funds-held-out', `how much is left on ${c(8)}'s accounts`, answer(...other.map((r) => `${r.balance} ${r.currency}`)), true);
  }

  // --- "which X": unknown values are not ranked ---------------------------------------------
  {
    const top = (await sql.spendBy('t.city', { from: first, to: latest })).find((r) => r.key !== '');
    if (top) add('ranking', 'which-city', 'Which city spends the most?', answer(top.key, eur(top.amount)));
    const topMarch = (await sql.spendBy('t.city', monthRange('2026-03'))).find((r) => r.key !== '');
    if (topMarch) add('ranking', 'which-city-held-out', 'in which city was the most money spent in march 2026', answer(topMarch.key, eur(topMarch.amount)), true);
  }

  // --- suspicious = anomalies ---------------------------------------------------------------
  add('anomalies', 'suspicious', `Show me suspicious charges for ${c(9)}`, answer('|z| >= 3'));
  add('anomalies', 'suspicious-held-out', 'any fraudulent-looking payments in the data?', answer('|z| >= 3'), true);

  // --- unanswerable: refuse ------------------------------------------------------------------
  add('unanswerable', 'forecast', `Forecast ${c(10)}'s spending for next month`, refused);
  add('unanswerable', 'phone', `What is the phone number of ${c(10)}?`, refused);
  add('unanswerable', 'year-before-data', `How much did ${c(11)} spend in 2019?`, refused);
  add('unanswerable', 'predict-held-out', `predict how much ${c(11)} will spend in July 2027`, refused, true);
  add('unanswerable', 'email-held-out', `What's the email address of customer ${c(12)}?`, refused, true);
  add('unanswerable', 'old-year-held-out', 'What was the total spend in 2024?', refused, true);
  add('unanswerable', 'future-income-held-out', `Will ${c(12)}'s income go up next year?`, refused, true);

  // --- plain phrasings, typos ---------------------------------------------------------------
  {
    const s = await sql.spend({ from: `${monthsBack(2)}-01`, to: latest });
    add('phrasing', 'outgoings', 'total outgoings over the past three months', answer(eur(s.amount)));
    const mine = await sql.spend({ customer: c(13), from: `${monthsBack(2)}-01`, to: latest });
    add('phrasing', 'money-out-held-out', `money out in the last three months for ${c(13)}`, answer(eur(mine.amount)), true);
    const income = await sql.income({ customer: c(14), ...monthRange('2026-04') });
    add('phrasing', 'came-in', `How much came in for ${c(14)} in April 2026?`, answer(eur(income)));
    const earned = await sql.income({ customer: c(15), ...monthRange('2026-03') });
    add('phrasing', 'earnings-held-out', `what were ${c(15)}'s earnings in march 2026`, answer(eur(earned)), true);
    const typo = await sql.spend({ customer: c(0), category: 'Groceries', ...monthRange('2026-03') });
    add('typo', 'typos', `how much did ${c(0)} spnd on grocereis in march 2026`, answer(eur(typo.amount)));
    const typo2 = await sql.spend({ customer: c(1), ...monthRange('2026-04') });
    add('typo', 'typo-held-out', `total spendng of ${c(1)} in aprl 2026`, answer(eur(typo2.amount)), true);
  }

  // --- several questions in one --------------------------------------------------------------
  {
    const s = await sql.spend({ customer: c(2), ...monthRange('2026-03') });
    const i = await sql.income({ customer: c(2), ...monthRange('2026-03') });
    add('multi-part', 'spend-and-income', `How much did ${c(2)} spend in March 2026 and how much did they earn?`, answer(eur(s.amount), eur(i)));
  }
  return cases;
}
