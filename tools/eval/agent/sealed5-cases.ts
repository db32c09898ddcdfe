import type { EvalDatasetSpec } from './eval-fixture.ts';
import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';
import type { ProbeCase } from './probe-cases.ts';
import { answer, eur, is, monthsCovered, refused } from './sealed-case-helpers.ts';
import { daysBefore, perMonth, percentChange, shiftMonth, signedMoney, wholeMonth, type Scope } from './sealed4-ledger.ts';
import { Sealed5Ledger } from './sealed5-ledger.ts';

// The fifth sealed held-out set (issue #20, session 9, 2026-12-07). Written and committed BEFORE
// any planner change of that session, without reading the planner's phrase lists or sealed4's
// misses, and scored once on the planner as it was, then once after the session's fixes
// (docs/agent.md). Fixes are made by class on sealed4's misses; nobody tunes to this set.
// Held out four ways:
// - its own dataset (seed 16180, 52 customers, September 2025..May 2026: "2025" and "January–June 2026"
//   are partly covered and must be clipped; August 2025 and July 2026 are outside it);
// - expected figures from SQL on the RAW tables written from docs/analytics.md (sealed5-ledger.ts);
// - its own phrasings, none in an earlier case file: paraphrases, typos, relative dates, two
//   questions in one;
// - `run-sealed5.ts` prints counts per class only.

/** Not the eval's dataset (4242), nor sealed2's (8128), sealed3's (31337) or sealed4's (27182). */
export const SEALED5_DATASET: EvalDatasetSpec = { seed: 16180, customers: 52, months: 9, startMonth: '2025-09' };

const Q4_2025 = { from: '2025-10-01', to: '2025-12-31' };

export async function buildSealed5Cases(sql: EvalSql): Promise<ProbeCase[]> {
  const L = new Sealed5Ledger(sql);
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation) =>
    cases.push({ cls, id: `sealed5-${id}`, questions: [question], expect, heldOut: true });

  const people = await L.customers();
  const P = (i: number) => people[i % people.length] as string;
  const { first, last: today } = await L.coverage();
  const thisMonth = today.slice(0, 7);
  const back = (n: number) => shiftMonth(thisMonth, -n);
  const m = wholeMonth;
  const within = (who: string, span: { from: string; to: string }, ...where: string[]): Scope => ({ who, ...span, where });
  const covered = (from: string, to: string) => monthsCovered(first, today, from, to);
  /** The first customer from `start` on for whom `scope` has spend (a 0.00 answer proves little). */
  const someoneWith = async (start: number, scope: (who: string) => Scope) => {
    for (let i = start; i < start + people.length; i += 1) if ((await L.spend(scope(P(i)))) > 0n) return P(i);
    return undefined;
  };
  const spendOn = (who: string, span: { from: string; to: string }, column: string, value: string) => L.spend(within(who, span, is(column, value)));

  // --- filters named in the question ---------------------------------------------------------------
  add('filter', 'lay-out-supermarkets', `How much did ${P(0)} lay out at supermarkets in January 2026?`, answer(eur(await spendOn(P(0), m('2026-01'), 'subcategory', 'Supermarkets'))));
  add('filter', 'bakery', `${P(1)} bakery spending, October 2025`, answer(eur(await spendOn(P(1), m('2025-10'), 'subcategory', 'Bakeries'))));
  add('filter', 'online-purchases', `online purchases of ${P(2)} in December 2025, total`, answer(eur(await spendOn(P(2), m('2025-12'), 'channel', 'ONLINE'))));
  add('filter', 'atm-cash', `${P(3)}: cash taken out at ATMs in March 2026`, answer(eur(await spendOn(P(3), m('2026-03'), 'channel', 'ATM'))));
  add('filter', 'utilities', `Spending on utilities by ${P(4)} in November 2025`, answer(eur(await spendOn(P(4), m('2025-11'), 'category', 'Utilities'))));
  add('filter', 'taxis', `${P(5)} taxi and rideshare costs in April 2026`, answer(eur(await spendOn(P(5), m('2026-04'), 'subcategory', 'Taxi & Rideshare'))));
  {
    const austria = (who: string) => within(who, { from: '2026-01-01', to: '2026-03-31' }, is('country', 'AT'));
    const who = await someoneWith(6, austria);
    if (who) add('filter', 'in-austria', `What did ${who} spend in Austria between January and March 2026?`, answer(eur(await L.spend(austria(who)))));
  }
  {
    const shop = (await L.top('merchant', within(P(7), m('2025-12')), 1))[0];
    if (shop) add('filter', 'went-to-merchant', `How much went to ${shop.name} from ${P(7)} in December 2025?`, answer(`${shop.amount} EUR`));
  }
  add('filter', 'fuel-bill', `${P(8)}'s fuel bill for January 2026`, answer(eur(await spendOn(P(8), m('2026-01'), 'subcategory', 'Fuel'))));
  {
    const cover = (who: string) => within(who, Q4_2025, is('subcategory', 'Insurance'));
    const who = await someoneWith(9, cover);
    if (who) add('filter', 'insurance-q4', `insurance payments by ${who} during the fourth quarter of 2025`, answer(eur(await L.spend(cover(who)))));
  }

  // --- written time ranges ------------------------------------------------------------------------------
  add('time', 'feb-3-through-17', `${P(10)} spend from Feb 3 through Feb 17, 2026`, answer(eur(await L.spend(within(P(10), { from: '2026-02-03', to: '2026-02-17' })))));
  add('time', 'opening-quarter', `${P(11)} spending in the opening quarter of 2026`, answer(eur(await L.spend(within(P(11), { from: '2026-01-01', to: '2026-03-31' })))));
  add('time', 'last-quarter-of-2025', `How much did ${P(12)} spend in the last quarter of 2025?`, answer(eur(await L.spend(within(P(12), Q4_2025)))));
  add('time', 'january-dash-june', `${P(13)} spending January–June 2026`, answer(eur(await L.spend(within(P(13), { from: '2026-01-01', to: '2026-06-30' })))));
  add('time', 'iso-mid-month', `${P(14)} expenses from 2025-10-15 to 2025-11-14`, answer(eur(await L.spend(within(P(14), { from: '2025-10-15', to: '2025-11-14' })))));
  add('time', 'sep-dot-to-nov-dot', `${P(15)}: spending Sep. 2025 to Nov. 2025`, answer(eur(await L.spend(within(P(15), { from: '2025-09-01', to: '2025-11-30' })))));
  add('time', 'the-year-2025', `${P(16)} spend for the year 2025`, answer(eur(await L.spend(within(P(16), { from: '2025-01-01', to: '2025-12-31' })))));

  // --- relative dates (the data's last day is "today") --------------------------------------------------
  add('relative', 'past-2-weeks', `${P(17)} spending during the past 2 weeks`, answer(eur(await L.spend(within(P(17), { from: daysBefore(today, 13), to: today })))));
  add('relative', 'month-preceding-last', `${P(18)}: spending in the month preceding last month`, answer(eur(await L.spend(within(P(18), m(back(2)))))));
  add('relative', 'since-january-first', `What has ${P(19)} spent since January 1st?`, answer(eur(await L.spend(within(P(19), { from: `${today.slice(0, 4)}-01-01`, to: today })))));
  add('relative', 'income-past-3-months', `${P(20)} income over the past 3 months`, answer(eur(await L.income(within(P(20), { from: `${back(2)}-01`, to: today })))));
  add('relative', 'last-7-days', `${P(21)} spending in the last 7 days`, answer(eur(await L.spend(within(P(21), { from: daysBefore(today, 6), to: today })))));
  add('relative', 'month-to-date', `month-to-date spending for ${P(22)}`, answer(eur(await L.spend(within(P(22), { from: `${thisMonth}-01`, to: today })))));
  add('relative', 'three-months-ago', `How much did ${P(23)} spend three months ago?`, answer(eur(await L.spend(within(P(23), m(back(3)))))));
  {
    const q = Math.floor((Number(thisMonth.slice(5)) - 1) / 3); // this quarter, 0-based
    const prev = shiftMonth(`${thisMonth.slice(0, 4)}-${String(q * 3 + 1).padStart(2, '0')}`, -3);
    add('relative', 'quarter-before-this', `${P(24)} spending in the quarter before this one`, answer(eur(await L.spend(within(P(24), { from: `${prev}-01`, to: m(shiftMonth(prev, 2)).to })))));
  }

  // --- comparisons: later minus earlier, signed ----------------------------------------------------------
  const change = async (measure: (s: Scope) => Promise<bigint>, who: string, earlier: string, later: string, ...where: string[]) =>
    `${signedMoney((await measure(within(who, m(later), ...where))) - (await measure(within(who, m(earlier), ...where))))} EUR`;
  add('comparison', 'higher-which-by-how-much', `Was ${P(25)}'s spending higher in January 2026 or in December 2025, and by how much?`, answer(await change(L.spend, P(25), '2025-12', '2026-01')));
  {
    let i = 26;
    while (i < 26 + people.length && (await change(L.income, P(i), '2026-02', '2026-03')) === '+0.00 EUR') i += 1;
    add('comparison', 'stack-up', `${P(i)}: how did income in March 2026 stack up against February 2026?`, answer(await change(L.income, P(i), '2026-02', '2026-03')));
  }
  add('comparison', 'difference-vs', `spending difference for ${P(27)}, November 2025 vs October 2025`, answer(await change(L.spend, P(27), '2025-10', '2025-11')));
  add('comparison', 'groceries-versus', `${P(28)}: groceries in April 2026 versus March 2026, the change`, answer(await change(L.spend, P(28), '2026-03', '2026-04', is('category', 'Groceries'))));
  add('comparison', 'less-than-difference', `Did ${P(29)} spend less in February 2026 than in January 2026? What is the difference?`, answer(await change(L.spend, P(29), '2026-01', '2026-02')));

  // --- percent changes ------------------------------------------------------------------------------------------
  const percent = async (id: string, measure: (s: Scope) => Promise<bigint>, who: string, earlier: string, later: string, question: string, ...where: string[]) => {
    const a = await measure(within(who, m(earlier), ...where));
    if (a !== 0n) add('percent', id, question, answer(percentChange(a, await measure(within(who, m(later), ...where)))));
  };
  await percent('percent-swing', L.spend, P(30), '2025-10', '2025-11', `what's the % swing in ${P(30)}'s spending from October to November 2025`);
  await percent('income-grow-percent', L.income, P(31), '2026-01', '2026-02', `How much did ${P(31)}'s income grow in percent from January to February 2026?`);
  await percent('climb-or-drop', L.spend, P(32), '2026-02', '2026-03', `By how many percent did ${P(32)}'s spending climb or drop in March 2026 against February 2026?`);
  await percent('dining-percent', L.spend, P(33), '2025-12', '2026-01', `${P(33)}'s dining: percent change from December 2025 to January 2026`, is('category', 'Dining'));

  // --- averages per month (months the data covers) -----------------------------------------------------
  const avg = async (measure: (s: Scope) => Promise<bigint>, who: string, from: string, to: string, ...where: string[]) =>
    `${perMonth(await measure(within(who, { from, to }, ...where)), covered(from, to))} EUR`;
  add('average', 'a-month-q4', `average spend a month for ${P(34)} in the fourth quarter of 2025`, answer(await avg(L.spend, P(34), Q4_2025.from, Q4_2025.to)));
  add('average', 'earn-each-month', `On average, how much does ${P(35)} earn each month?`, answer(await avg(L.income, P(35), first, today)));
  add('average', 'grocery-mean', `${P(36)} mean monthly grocery spend from November 2025 to April 2026`, answer(await avg(L.spend, P(36), '2025-11-01', '2026-04-30', is('category', 'Groceries'))));
  add('average', 'per-month-year-2025', `${P(37)}: per-month average of spending for the year 2025`, answer(await avg(L.spend, P(37), '2025-01-01', '2025-12-31')));

  // --- balances: each account's own current figure, in its currency --------------------------------------
  const balances = async (who: string) => (await L.accounts(who)).map((a) => `${a.balance} ${a.currency}`);
  {
    const one = (await L.accounts(P(38)))[0];
    if (one) add('balance', 'whats-left-in', `What's left in account ${one.id}?`, answer(`${one.balance} ${one.currency}`));
  }
  add('balance', 'hold-across', `How much money does ${P(39)} hold across all accounts?`, answer(...(await balances(P(39)))));
  for (let i = 40; i < 40 + people.length; i += 1) {
    const saving = (await L.accounts(P(i))).filter((a) => a.type === 'SAVINGS');
    if (saving.length === 1) {
      add('balance', 'savings-balance', `How much has ${P(i)} got in the savings account?`, answer(`${saving[0]?.balance} ${saving[0]?.currency}`));
      break;
    }
  }
  add('balance', 'each-account', `Show me the balance on each of ${P(41)}'s accounts`, answer(...(await balances(P(41)))));

  // --- rankings (spend; rows with no value are not ranked) -------------------------------------------------
  const top = async (id: string, column: string, who: string | undefined, span: { from: string; to: string }, n: number, question: string) => {
    const rows = await L.top(column, who ? within(who, span) : span, n);
    if (rows.length === n) add('ranking', id, question, answer(...rows.flatMap((r) => [r.name, `${r.amount} EUR`])));
  };
  await top('got-the-most', 'merchant', P(42), m('2026-01'), 1, `Which merchant got the most of ${P(42)}'s money in January 2026?`);
  await top('largest-category-q4', 'category', P(43), Q4_2025, 1, `${P(43)}: largest category of spending in the last quarter of 2025`);
  await top('three-biggest-categories', 'category', P(44), m('2026-03'), 3, `What were ${P(44)}'s three biggest categories in March 2026?`);
  await top('city-most', 'city', P(45), { from: '2026-01-01', to: today }, 1, `${P(45)}: the city with the highest spending in 2026`);
  await top('most-of-all-customers', 'who', undefined, m('2026-04'), 1, 'Who spent the most money of all customers in April 2026?');
  await top('three-largest-merchants', 'merchant', P(46), m('2026-02'), 3, `${P(46)}'s three largest merchants by spending in February 2026`);
  await top('subcategory-most', 'subcategory', P(47), m('2025-12'), 1, `Which subcategory did ${P(47)} spend most on in December 2025?`);

  // --- counts (counted rows of both directions) -------------------------------------------------------------
  add('count', 'in-total-for', `how many transactions does ${P(48)} have in total for November 2025`, answer(await L.count(within(P(48), m('2025-11')))));
  add('count', 'count-two-months-back', `${P(49)}: how many transactions two months back?`, answer(await L.count(within(P(49), m(back(2))))));
  {
    const cafes = (who: string) => within(who, m('2026-02'), is('subcategory', 'Cafes'));
    let who: string | undefined;
    for (let i = 50; i < 50 + people.length && !who; i += 1) if (Number(await L.count(cafes(P(i)))) >= 3) who = P(i);
    if (who) add('count', 'cafe-transactions', `How many cafe transactions did ${who} have in Feb 2026?`, answer(await L.count(cafes(who))));
  }
  add('count', 'public-transport-q4', `count the public transport transactions of ${P(51)} in Q4 2025`, answer(await L.count(within(P(51), Q4_2025, is('subcategory', 'Public Transport')))));

  // --- plain phrasings of the measures -----------------------------------------------------------------------
  add('phrasing', 'shell-out', `What did ${P(0)} shell out in January 2026?`, answer(eur(await L.spend(within(P(0), m('2026-01'))))));
  add('phrasing', 'fork-out', `What did ${P(1)} fork out in December 2025?`, answer(eur(await L.spend(within(P(1), m('2025-12'))))));
  add('phrasing', 'flowed-in', `How much money flowed in to ${P(2)} in February 2026?`, answer(eur(await L.income(within(P(2), m('2026-02'))))));
  add('phrasing', 'plus-or-minus', `Did ${P(3)} end March 2026 in the plus or the minus, and by how much?`, answer(eur(await L.net(within(P(3), m('2026-03'))))));
  add('phrasing', 'outlays', `${P(4)}'s outlays in April 2026`, answer(eur(await L.spend(within(P(4), m('2026-04'))))));
  add('phrasing', 'pocket', `How much did ${P(5)} pocket in November 2025?`, answer(eur(await L.income(within(P(5), m('2025-11'))))));

  // --- two questions in one -------------------------------------------------------------------------------------
  add('multi', 'came-in-went-out', `For ${P(6)} in January 2026: what came in, and what went out?`, answer(eur(await L.income(within(P(6), m('2026-01')))), eur(await L.spend(within(P(6), m('2026-01'))))));
  add('multi', 'then-in', `Spending of ${P(7)} in October 2025, then in November 2025`, answer(eur(await L.spend(within(P(7), m('2025-10')))), eur(await L.spend(within(P(7), m('2025-11'))))));
  add('multi', 'groceries-dining-each', `${P(8)} groceries and dining in February 2026, how much each?`, answer(eur(await spendOn(P(8), m('2026-02'), 'category', 'Groceries')), eur(await spendOn(P(8), m('2026-02'), 'category', 'Dining'))));
  add('multi', 'count-and-spend', `${P(9)}: how many transactions in March 2026, and what did they spend?`, answer(await L.count(within(P(9), m('2026-03'))), eur(await L.spend(within(P(9), m('2026-03'))))));
  {
    const one = (await L.accounts(P(10)))[0];
    if (one) add('multi', 'balance-and-spend', `What is the balance on account ${one.id}, and how much did ${P(10)} spend in April 2026?`, answer(`${one.balance} ${one.currency}`, eur(await L.spend(within(P(10), m('2026-04'))))));
  }

  // --- typos ---------------------------------------------------------------------------------------------------------
  add('typo', 'spned-janaury', `how much did ${P(11)} spned in janaury 2026`, answer(eur(await L.spend(within(P(11), m('2026-01'))))));
  add('typo', 'incoem-novmber', `${P(12)} incoem for novmber 2025`, answer(eur(await L.income(within(P(12), m('2025-11'))))));
  add('typo', 'restaurnt-feburary', `${P(13)} restaurnt spending in feburary 2026`, answer(eur(await spendOn(P(13), m('2026-02'), 'subcategory', 'Restaurants'))));
  add('typo', 'totla-ocotber', `totla spending of ${P(14)} in ocotber 2025`, answer(eur(await L.spend(within(P(14), m('2025-10'))))));
  add('typo', 'ballance-acounts', `what is the ballance of ${P(15)}'s acounts`, answer(...(await balances(P(15)))));

  // --- what the data cannot answer ----------------------------------------------------------------------------
  const cannot: Array<[string, string]> = [
    ['earn-june-2026', `How much will ${P(16)} earn in June 2026?`],
    ['passport', `What is ${P(17)}'s passport number?`],
    ['august-2025', `How much did ${P(18)} spend in August 2025?`],
    ['july-2026', `${P(19)} spending in July 2026`],
    ['overdraw', `Is ${P(20)} going to overdraw their account?`],
    ['shoe-size', `What's ${P(21)}'s shoe size?`],
    ['year-2021', `How much did ${P(22)} spend in 2021?`],
    ['euro-tomorrow', 'Will the euro rise against the dollar tomorrow?'],
    ['take-mortgage', `Should ${P(23)} take out a mortgage?`],
    ['net-worth-five-years', `What will ${P(24)}'s net worth be in five years?`],
    ['marital-status', `What is ${P(25)}'s marital status?`],
    ['children', `How many children does ${P(26)} have?`],
  ];
  for (const [id, question] of cannot) add('unanswerable', id, question, refused);
  return cases;
}
