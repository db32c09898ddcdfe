import type { EvalDatasetSpec } from './eval-fixture.ts';
import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';
import type { ProbeCase } from './probe-cases.ts';
import { answer, eur, is, monthsCovered, refused } from './sealed-case-helpers.ts';
import { daysBefore, perMonth, percentChange, shiftMonth, signedMoney, wholeMonth, type Scope } from './sealed4-ledger.ts';
import { Sealed6Ledger } from './sealed6-ledger.ts';

// The sixth sealed held-out set (issue #20, session 10, 2026-12-07). Written and committed BEFORE
// any planner change of that session, without reading sealed5's misses or the planner's phrase
// lists, and scored once on the planner as it was, then once after the session's fixes
// (docs/agent.md). Fixes are made by class on sealed5's misses; nobody tunes to this set.
// Held out four ways:
// - its own dataset (seed 57721, 44 customers, May 2025..February 2026: "2025" and "H1 2026" are
//   partly covered and must be clipped; April 2025 and March 2026 are outside it);
// - expected figures from SQL on the RAW tables written from docs/analytics.md (sealed6-ledger.ts);
// - its own phrasings, none in an earlier case file: paraphrases, typos, relative dates, two
//   questions in one, qualifiers the data has no column for (those must be refused);
// - `run-sealed6.ts` prints counts per class only.

/** Not the eval's dataset (4242), nor sealed2's (8128), sealed3's (31337), sealed4's (27182) or sealed5's (16180). */
export const SEALED6_DATASET: EvalDatasetSpec = { seed: 57721, customers: 44, months: 10, startMonth: '2025-05' };


export async function buildSealed6Cases(sql: EvalSql): Promise<ProbeCase[]> {
  const L = new Sealed6Ledger(sql);
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation) =>
    cases.push({ cls, id: `sealed6-${id}`, questions: [question], expect, heldOut: true });

  const people = await L.customers();
  const P = (i: number) => people[i % people.length] as string;
  const { first, last: today } = await L.coverage();
  const thisMonth = today.slice(0, 7);
  const back = (n: number) => shiftMonth(thisMonth, -n);
  const m = wholeMonth;
  const within = (who: string, span: { from: string; to: string }, ...where: string[]): Scope => ({ who, ...span, where });
  const covered = (from: string, to: string) => monthsCovered(first, today, from, to);
  const spendOn = (who: string, span: { from: string; to: string }, column: string, value: string) => L.spend(within(who, span, is(column, value)));

  // --- filters named in the question ---------------------------------------------------------------
  add('filter', 'grocery-run', `What did ${P(0)}'s groceries cost in September 2025?`, answer(eur(await spendOn(P(0), m('2025-09'), 'category', 'Groceries'))));
  add('filter', 'card-in-store', `${P(1)}: spending paid in store (POS) during October 2025`, answer(eur(await spendOn(P(1), m('2025-10'), 'channel', 'POS'))));
  add('filter', 'restaurants-summer', `restaurant bills for ${P(2)} in July 2025`, answer(eur(await spendOn(P(2), m('2025-07'), 'subcategory', 'Restaurants'))));
  add('filter', 'utilities-dec', `${P(3)} paid how much for utilities in December 2025?`, answer(eur(await spendOn(P(3), m('2025-12'), 'category', 'Utilities'))));
  {
    const shop = (await L.top('merchant', within(P(4), m('2025-11')), 1))[0];
    if (shop) add('filter', 'merchant-total', `Total that ${P(4)} paid to ${shop.name} in November 2025`, answer(`${shop.amount} EUR`));
  }

  // --- written time ranges ------------------------------------------------------------------------------
  add('time', 'aug-10-to-24', `${P(5)} spend between August 10 and August 24, 2025`, answer(eur(await L.spend(within(P(5), { from: '2025-08-10', to: '2025-08-24' })))));
  add('time', 'third-quarter', `${P(6)}'s spending in the third quarter of 2025`, answer(eur(await L.spend(within(P(6), { from: '2025-07-01', to: '2025-09-30' })))));
  add('time', 'calendar-2025', `How much did ${P(7)} spend over calendar year 2025?`, answer(eur(await L.spend(within(P(7), { from: '2025-01-01', to: '2025-12-31' })))));
  add('time', 'iso-range', `${P(8)} spending 2025-06-05 through 2025-07-04`, answer(eur(await L.spend(within(P(8), { from: '2025-06-05', to: '2025-07-04' })))));
  add('time', 'oct-through-dec', `${P(9)} outgoings October through December 2025`, answer(eur(await L.spend(within(P(9), { from: '2025-10-01', to: '2025-12-31' })))));

  // --- relative dates (the data's last day is "today") --------------------------------------------------
  add('relative', 'previous-month', `${P(10)}'s spending in the previous month`, answer(eur(await L.spend(within(P(10), m(back(1)))))));
  add('relative', 'last-30-days', `How much has ${P(11)} spent over the last 30 days?`, answer(eur(await L.spend(within(P(11), { from: daysBefore(today, 29), to: today })))));
  add('relative', 'this-month-so-far', `${P(12)} spending this month so far`, answer(eur(await L.spend(within(P(12), { from: `${thisMonth}-01`, to: today })))));
  add('relative', 'income-two-months-ago', `${P(13)}'s income two months ago`, answer(eur(await L.income(within(P(13), m(back(2)))))));
  add('relative', 'past-six-months', `${P(14)} spending in the past six months`, answer(eur(await L.spend(within(P(14), { from: `${back(5)}-01`, to: today })))));

  // --- comparisons: later minus earlier, signed ----------------------------------------------------------
  const change = async (measure: (s: Scope) => Promise<bigint>, who: string, earlier: string, later: string, ...where: string[]) =>
    `${signedMoney((await measure(within(who, m(later), ...where))) - (await measure(within(who, m(earlier), ...where))))} EUR`;
  add('comparison', 'up-or-down', `Did ${P(15)}'s spending go up or down from August 2025 to September 2025, and by how much?`, answer(await change(L.spend, P(15), '2025-08', '2025-09')));
  add('comparison', 'compared-with', `${P(16)} income in November 2025 compared with October 2025: the difference`, answer(await change(L.income, P(16), '2025-10', '2025-11')));
  add('comparison', 'delta-dining', `delta in ${P(17)}'s dining spend, January 2026 vs December 2025`, answer(await change(L.spend, P(17), '2025-12', '2026-01', is('category', 'Dining'))));

  // --- percent changes ------------------------------------------------------------------------------------------
  const percent = async (id: string, measure: (s: Scope) => Promise<bigint>, who: string, earlier: string, later: string, question: string) => {
    const a = await measure(within(who, m(earlier)));
    if (a !== 0n) add('percent', id, question, answer(percentChange(a, await measure(within(who, m(later))))));
  };
  await percent('pct-shift', L.spend, P(18), '2025-06', '2025-07', `percentage shift in ${P(18)}'s spending between June and July 2025`);
  await percent('income-pct', L.income, P(19), '2025-11', '2025-12', `${P(19)}: income change in % from November to December 2025`);

  // --- averages per month (months the data covers) -----------------------------------------------------
  const avg = async (measure: (s: Scope) => Promise<bigint>, who: string, from: string, to: string) =>
    `${perMonth(await measure(within(who, { from, to })), covered(from, to))} EUR`;
  add('average', 'typical-month', `What does ${P(20)} spend in a typical month, on average, during 2025?`, answer(await avg(L.spend, P(20), '2025-01-01', '2025-12-31')));
  add('average', 'monthly-income-avg', `${P(21)} average monthly income from July to December 2025`, answer(await avg(L.income, P(21), '2025-07-01', '2025-12-31')));

  // --- balances: each account's own current figure, in its currency --------------------------------------
  const balances = async (who: string) => (await L.accounts(who)).map((a) => `${a.balance} ${a.currency}`);
  {
    const one = (await L.accounts(P(22)))[0];
    if (one) add('balance', 'sitting-in', `How much is sitting in account ${one.id} right now?`, answer(`${one.balance} ${one.currency}`));
  }
  add('balance', 'all-balances', `${P(23)}: current balances, please`, answer(...(await balances(P(23)))));

  // --- rankings (spend; rows with no value are not ranked) -------------------------------------------------
  const top = async (id: string, column: string, who: string | undefined, span: { from: string; to: string }, n: number, question: string) => {
    const rows = await L.top(column, who ? within(who, span) : span, n);
    if (rows.length === n) add('ranking', id, question, answer(...rows.flatMap((r) => [r.name, `${r.amount} EUR`])));
  };
  await top('top-merchant-oct', 'merchant', P(24), m('2025-10'), 1, `Where did ${P(24)} spend the most in October 2025 (which merchant)?`);
  await top('top-two-categories', 'category', P(25), m('2025-12'), 2, `${P(25)}'s top 2 categories in December 2025`);
  await top('biggest-spender', 'who', undefined, m('2025-09'), 1, 'Which customer was the biggest spender in September 2025?');

  // --- counts (counted rows of both directions) -------------------------------------------------------------
  add('count', 'number-of-txns', `number of transactions for ${P(26)} in August 2025`, answer(await L.count(within(P(26), m('2025-08')))));
  add('count', 'how-many-last-month', `How many transactions did ${P(27)} make last month?`, answer(await L.count(within(P(27), m(back(1))))));

  // --- plain phrasings of the measures -----------------------------------------------------------------------
  add('phrasing', 'splash-out', `How much did ${P(28)} splash out in November 2025?`, answer(eur(await L.spend(within(P(28), m('2025-11'))))));
  add('phrasing', 'money-received', `Money received by ${P(29)} in January 2026`, answer(eur(await L.income(within(P(29), m('2026-01'))))));
  add('phrasing', 'net-cash-flow', `${P(30)} net cash flow for October 2025`, answer(eur(await L.net(within(P(30), m('2025-10'))))));
  add('phrasing', 'cost-them', `What did the month of June 2025 cost ${P(31)}?`, answer(eur(await L.spend(within(P(31), m('2025-06'))))));

  // --- two questions in one -------------------------------------------------------------------------------------
  add('multi', 'income-and-spending', `${P(32)} in December 2025: income and spending?`, answer(eur(await L.income(within(P(32), m('2025-12')))), eur(await L.spend(within(P(32), m('2025-12'))))));
  add('multi', 'sept-and-oct', `What did ${P(33)} spend in September 2025 and in October 2025?`, answer(eur(await L.spend(within(P(33), m('2025-09')))), eur(await L.spend(within(P(33), m('2025-10'))))));

  // --- typos ---------------------------------------------------------------------------------------------------------
  add('typo', 'spnding-decmber', `${P(34)} spnding in decmber 2025`, answer(eur(await L.spend(within(P(34), m('2025-12'))))));
  add('typo', 'earnd-septembr', `how much did ${P(35)} earnd in septembr 2025`, answer(eur(await L.income(within(P(35), m('2025-09'))))));
  add('typo', 'grocerys-agust', `${P(36)} grocerys in agust 2025`, answer(eur(await spendOn(P(36), m('2025-08'), 'category', 'Groceries'))));

  // --- what the data cannot answer (including qualifiers it has no column for) --------------------------------
  const cannot: Array<[string, string]> = [
    ['march-2026', `How much did ${P(37)} spend in March 2026?`],
    ['april-2025', `${P(38)} income in April 2025`],
    ['year-2019', `What did ${P(39)} spend in 2019?`],
    ['next-month-forecast', `Predict ${P(40)}'s spending next month`],
    ['email-address', `What is ${P(41)}'s email address?`],
    ['credit-score', `What is ${P(42)}'s credit score?`],
    ['weekends-only', `How much did ${P(43)} spend on weekends in October 2025?`],
    ['before-noon', `What did ${P(0)} spend before noon in November 2025?`],
    ['with-a-friend', `How much did ${P(1)} spend together with their partner in September 2025?`],
    ['salary-raise', `Will ${P(2)} get a salary raise next year?`],
    ['stock-tip', 'Which stock should I buy today?'],
  ];
  for (const [id, question] of cannot) add('unanswerable', id, question, refused);
  return cases;
}
