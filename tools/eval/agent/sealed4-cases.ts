import type { EvalDatasetSpec } from './eval-fixture.ts';
import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';
import type { ProbeCase } from './probe-cases.ts';
import { answer, eur, is, monthsCovered, refused } from './sealed-case-helpers.ts';
import { daysBefore, perMonth, percentChange, Sealed4Ledger, shiftMonth, signedMoney, wholeMonth, type Scope } from './sealed4-ledger.ts';

// The fourth sealed held-out set (issue #20, session 8, 2026-12-07). Written and committed BEFORE
// any planner change of that session, without reading the planner's phrase lists, and scored
// once on the planner as it was, then once after the session's fixes (docs/agent.md). Fixes are
// made by class on sealed3's misses; nobody tunes to this set. Held out four ways:
// - its own dataset (seed 27182, 44 customers, November 2025..August 2026: it crosses a year,
//   so "last year" and "the second half of 2025" are partly covered and must be clipped);
// - its own SQL (sealed4-ledger.ts), written from docs/analytics.md's definitions;
// - its own phrasings: new paraphrases, typos, relative dates, two questions in one;
// - `run-sealed4.ts` prints counts per class only.

/** Neither the eval's dataset (4242) nor sealed2's (8128) nor sealed3's (31337). */
export const SEALED4_DATASET: EvalDatasetSpec = { seed: 27182, customers: 44, months: 10, startMonth: '2025-11' };


export async function buildSealed4Cases(sql: EvalSql): Promise<ProbeCase[]> {
  const L = new Sealed4Ledger(sql);
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation) =>
    cases.push({ cls, id: `sealed4-${id}`, questions: [question], expect, heldOut: true });

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

  // --- filters named in the question ---------------------------------------------------------------
  add('filter', 'pay-for-groceries', `What did ${P(0)} pay for groceries in February 2026?`, answer(eur(await L.spend(within(P(0), m('2026-02'), is('category', 'Groceries'))))));
  add('filter', 'cafes', `${P(1)}: cafe spending in March 2026`, answer(eur(await L.spend(within(P(1), m('2026-03'), is('subcategory', 'Cafes'))))));
  add('filter', 'mobile-channel', `Spending by ${P(2)} through the mobile channel in April 2026`, answer(eur(await L.spend(within(P(2), m('2026-04'), is('channel', 'MOBILE'))))));
  add('filter', 'direct-debits', `${P(3)}'s direct debit payments, total for January 2026`, answer(eur(await L.spend(within(P(3), m('2026-01'), is('channel', 'DIRECT_DEBIT'))))));
  add('filter', 'health', `How much went to health for ${P(4)} in December 2025?`, answer(eur(await L.spend(within(P(4), m('2025-12'), is('category', 'Health'))))));
  {
    const spring = { from: '2026-03-01', to: '2026-05-31' };
    const shop = (await L.top('merchant', within(P(5), spring), 1))[0];
    if (shop) add('filter', 'paid-to-merchant', `Total paid to ${shop.name} by ${P(5)} from 1 March to 31 May 2026`, answer(`${shop.amount} EUR`));
  }
  {
    const spain = (who: string) => within(who, m('2026-07'), is('country', 'ES'));
    const who = await someoneWith(6, spain);
    if (who) add('filter', 'while-in-spain', `What did ${who} spend while in Spain in July 2026?`, answer(eur(await L.spend(spain(who)))));
  }
  add('filter', 'public-transport', `${P(7)} spent how much on public transport in November 2025?`, answer(eur(await L.spend(within(P(7), m('2025-11'), is('subcategory', 'Public Transport'))))));
  {
    const rent = (who: string) => within(who, { from: '2026-01-01', to: '2026-03-31' }, is('subcategory', 'Rent'));
    const who = await someoneWith(8, rent);
    if (who) add('filter', 'rent-q1', `How much did ${who} pay in rent during Q1 2026?`, answer(eur(await L.spend(rent(who)))));
  }
  {
    const streaming = (who: string) => within(who, m('2026-05'), is('subcategory', 'Streaming'));
    const who = await someoneWith(9, streaming);
    if (who) add('filter', 'streaming', `what did ${who}'s streaming subscriptions cost in May 2026`, answer(eur(await L.spend(streaming(who)))));
  }

  // --- written time ranges ------------------------------------------------------------------------------
  add('time', 'ordinal-days', `${P(10)} spending from the 5th to the 19th of March 2026`, answer(eur(await L.spend(within(P(10), { from: '2026-03-05', to: '2026-03-19' })))));
  add('time', 'second-quarter', `${P(11)}: spending in the second quarter of 2026`, answer(eur(await L.spend(within(P(11), { from: '2026-04-01', to: '2026-06-30' })))));
  add('time', 'second-half-2025', `How much did ${P(12)} spend in the second half of 2025?`, answer(eur(await L.spend(within(P(12), { from: '2025-07-01', to: '2025-12-31' })))));
  add('time', 'for-december', `${P(13)} spend for December 2025`, answer(eur(await L.spend(within(P(13), m('2025-12'))))));
  add('time', 'iso-days', `How much did ${P(14)} spend between 2026-02-10 and 2026-03-09?`, answer(eur(await L.spend(within(P(14), { from: '2026-02-10', to: '2026-03-09' })))));
  add('time', 'through-january', `${P(15)} spent how much from November 2025 through January 2026?`, answer(eur(await L.spend(within(P(15), { from: '2025-11-01', to: '2026-01-31' })))));
  add('time', 'in-2025', `${P(16)}'s spend in 2025`, answer(eur(await L.spend(within(P(16), { from: '2025-01-01', to: '2025-12-31' })))));

  // --- dates relative to the data's latest day ---------------------------------------------------------
  add('relative', 'previous-month', `${P(17)}: what was spent in the previous month?`, answer(eur(await L.spend(within(P(17), m(back(1)))))));
  add('relative', 'last-30-days', `How much has ${P(18)} spent in the last 30 days?`, answer(eur(await L.spend(within(P(18), { from: daysBefore(today, 29), to: today })))));
  {
    const q = Math.floor((Number(thisMonth.slice(5)) - 1) / 3); // this quarter, 0-based
    const startOfThis = `${thisMonth.slice(0, 4)}-${String(q * 3 + 1).padStart(2, '0')}`;
    const prev = shiftMonth(startOfThis, -3);
    add('relative', 'last-quarter', `${P(19)} spending last quarter`, answer(eur(await L.spend(within(P(19), { from: `${prev}-01`, to: m(shiftMonth(prev, 2)).to })))));
    add('relative', 'this-quarter', `${P(20)}'s spending this quarter`, answer(eur(await L.spend(within(P(20), { from: `${startOfThis}-01`, to: today })))));
  }
  add('relative', 'so-far-this-month', `What has ${P(21)} spent so far this month?`, answer(eur(await L.spend(within(P(21), { from: `${thisMonth}-01`, to: today })))));
  add('relative', 'last-six-months', `${P(22)} spending over the last six months`, answer(eur(await L.spend(within(P(22), { from: `${back(5)}-01`, to: today })))));
  add('relative', 'last-year', `${P(23)} spent how much last year?`, answer(eur(await L.spend(within(P(23), { from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: `${Number(today.slice(0, 4)) - 1}-12-31` })))));
  add('relative', 'income-since-new-year', `${P(24)} income since the beginning of the year`, answer(eur(await L.income(within(P(24), { from: `${today.slice(0, 4)}-01-01`, to: today })))));

  // --- comparisons: later minus earlier, whatever the order named ------------------------------------
  const change = async (measure: (s: Scope) => Promise<bigint>, who: string, earlier: string, later: string, ...where: string[]) =>
    `${signedMoney((await measure(within(who, m(later), ...where))) - (await measure(within(who, m(earlier), ...where))))} EUR`;
  add('comparison', 'more-than-by-how-much', `Did ${P(25)} spend more in April 2026 than in March 2026? By how much?`, answer(await change(L.spend, P(25), '2026-03', '2026-04')));
  {
    // The first customer from P(26) on whose income moved (a salary alone gives +0.00, which proves little).
    let who = P(26);
    for (let i = 26; i < 26 + people.length && (await change(L.income, P(i), '2026-01', '2026-02')) === '+0.00 EUR'; i += 1) who = P(i + 1);
    add('comparison', 'income-difference', `${who}: difference in income between February 2026 and January 2026`, answer(await change(L.income, who, '2026-01', '2026-02')));
  }
  add('comparison', 'compare-with', `How does ${P(27)}'s July 2026 spending compare with June 2026?`, answer(await change(L.spend, P(27), '2026-06', '2026-07')));
  add('comparison', 'versus-month-before', `${P(28)} spending, last month versus the month before`, answer(await change(L.spend, P(28), back(2), back(1))));
  add('comparison', 'dining-change', `change in ${P(29)}'s dining spend from May to June 2026`, answer(await change(L.spend, P(29), '2026-05', '2026-06', is('category', 'Dining'))));

  // --- percent change --------------------------------------------------------------------------------
  const percent = async (id: string, measure: (s: Scope) => Promise<bigint>, who: string, earlier: string, later: string, question: string) => {
    const a = await measure(within(who, m(earlier)));
    if (a !== 0n) add('percent', id, question, answer(percentChange(a, await measure(within(who, m(later))))));
  };
  await percent('percent-more-or-less', L.spend, P(30), '2026-05', '2026-06', `What percent more or less did ${P(30)} spend in June 2026 than in May 2026?`);
  await percent('percent-income', L.income, P(31), '2026-03', '2026-04', `${P(31)}: % change in income, March 2026 to April 2026`);
  await percent('percent-up-or-down', L.spend, P(32), '2025-12', '2026-01', `how many percent did ${P(32)}'s spending go up or down from December 2025 to January 2026`);
  await percent('percent-relative', L.spend, P(33), back(2), back(1), `${P(33)} spending change in percent, last month compared to the month before`);

  // --- average per month: the months of the range the data covers --------------------------------------
  const avg = async (measure: (s: Scope) => Promise<bigint>, who: string, from: string, to: string, ...where: string[]) =>
    `${perMonth(await measure(within(who, { from, to }, ...where)), covered(from, to))} EUR`;
  add('average', 'per-month-q1', `What does ${P(34)} spend per month on average in Q1 2026?`, answer(await avg(L.spend, P(34), '2026-01-01', '2026-03-31')));
  add('average', 'mean-income-all', `mean monthly income of ${P(35)} over all the data`, answer(await avg(L.income, P(35), first, today)));
  add('average', 'transport-per-month', `average per month spent by ${P(36)} on transport from January to June 2026`, answer(await avg(L.spend, P(36), '2026-01-01', '2026-06-30', is('category', 'Transport'))));
  add('average', 'monthly-2025', `${P(37)} average monthly spend in 2025`, answer(await avg(L.spend, P(37), '2025-01-01', '2025-12-31')));

  // --- balances: each account's own current figure --------------------------------------------------------
  {
    const own = await L.accounts(P(38));
    const one = own[0];
    if (one) add('balance', 'current-balance-of', `What is the current balance of account ${one.id}?`, answer(`${one.balance} ${one.currency}`));
    add('balance', 'list-balances', `List the balances of all of ${P(39)}'s accounts`, answer(...(await L.accounts(P(39))).map((a) => `${a.balance} ${a.currency}`)));
    for (let i = 40; i < 40 + people.length; i += 1) {
      const checking = (await L.accounts(P(i))).filter((a) => a.type === 'CHECKING');
      if (checking.length === 1) {
        add('balance', 'sitting-in-checking', `How much is sitting in ${P(i)}'s checking account?`, answer(`${checking[0]?.balance} ${checking[0]?.currency}`));
        break;
      }
    }
    add('balance', 'account-balances', `${P(41)} account balances`, answer(...(await L.accounts(P(41))).map((a) => `${a.balance} ${a.currency}`)));
  }

  // --- rankings: rows without a value are not ranked ----------------------------------------------------
  {
    const shop = (await L.top('merchant', within(P(42), m('2026-02')), 1))[0];
    if (shop) add('ranking', 'where-most-merchant', `Where did ${P(42)} spend the most money in February 2026, at which merchant?`, answer(shop.name, `${shop.amount} EUR`));
    const cat = (await L.top('category', within(P(43), { from: '2026-04-01', to: '2026-06-30' }), 1))[0];
    if (cat) add('ranking', 'biggest-category', `${P(43)}'s biggest spending category in Q2 2026`, answer(cat.name, `${cat.amount} EUR`));
    const two = await L.top('category', within(P(0), m('2026-07')), 2);
    add('ranking', 'top-two-categories', `Top two categories for ${P(0)} in July 2026`, answer(...two.flatMap((r) => [r.name, `${r.amount} EUR`])));
    const land = (await L.top('country', within(P(1), { from: '2026-01-01', to: today }), 1))[0];
    if (land) add('ranking', 'country-most', `Which country did ${P(1)} spend the most in during 2026?`, answer(land.name, `${land.amount} EUR`));
    const spender = (await L.top('who', m('2026-03'), 1))[0];
    if (spender) add('ranking', 'biggest-spender', 'Who was the biggest spender in March 2026?', answer(spender.name, `${spender.amount} EUR`));
    const five = await L.top('merchant', within(P(2), m(back(1))), 5);
    add('ranking', 'top-five-last-month', `${P(2)}'s top 5 merchants by spend, last month`, answer(...five.flatMap((r) => [r.name, `${r.amount} EUR`])));
    const channel = (await L.top('channel', within(P(3), m('2026-05')), 1))[0];
    if (channel) add('ranking', 'channel-most', `Which channel did ${P(3)} spend the most through in May 2026?`, answer(channel.name, `${channel.amount} EUR`));
  }

  // --- counts: counted rows of both directions -------------------------------------------------------------
  add('count', 'count-of', `count of ${P(4)}'s transactions in March 2026`, answer(await L.count(within(P(4), m('2026-03')))));
  add('count', 'make-last-month', `How many transactions did ${P(5)} make last month?`, answer(await L.count(within(P(5), m(back(1))))));
  {
    const restaurants = (who: string) => within(who, m('2026-06'), is('subcategory', 'Restaurants'));
    let who: string | undefined;
    for (let i = 6; i < 6 + people.length && !who; i += 1) if (Number(await L.count(restaurants(P(i)))) >= 3) who = P(i);
    if (who) add('count', 'restaurant-visits', `How many restaurant transactions did ${who} have in June 2026?`, answer(await L.count(restaurants(who))));
  }
  add('count', 'grocery-count-q1', `number of grocery transactions for ${P(7)} in Q1 2026`, answer(await L.count(within(P(7), { from: '2026-01-01', to: '2026-03-31' }, is('category', 'Groceries')))));

  // --- other words for spend, income and net ------------------------------------------------------------
  add('phrasing', 'money-left-accounts', `How much money left ${P(8)}'s accounts in February 2026?`, answer(eur(await L.spend(within(P(8), m('2026-02'))))));
  add('phrasing', 'earnings', `${P(9)}'s earnings in March 2026`, answer(eur(await L.income(within(P(9), m('2026-03'))))));
  add('phrasing', 'earn', `how much did ${P(10)} earn in April 2026`, answer(eur(await L.income(within(P(10), m('2026-04'))))));
  add('phrasing', 'income-exceed', `By how much did ${P(11)}'s income exceed spending in May 2026?`, answer(eur(await L.net(within(P(11), m('2026-05'))))));
  add('phrasing', 'costs', `${P(12)}'s costs in June 2026`, answer(eur(await L.spend(within(P(12), m('2026-06'))))));
  add('phrasing', 'came-in', `What came in for ${P(13)} in July 2026?`, answer(eur(await L.income(within(P(13), m('2026-07'))))));

  // --- two questions in one: both parts answered ----------------------------------------------------------
  add('multi', 'earn-and-spend', `What did ${P(14)} earn and what did they spend in March 2026?`, answer(eur(await L.income(within(P(14), m('2026-03')))), eur(await L.spend(within(P(14), m('2026-03'))))));
  add('multi', 'april-and-may', `How much did ${P(15)} spend in April 2026 and how much in May 2026?`, answer(eur(await L.spend(within(P(15), m('2026-04')))), eur(await L.spend(within(P(15), m('2026-05'))))));
  add('multi', 'transport-and-shopping', `${P(16)}: spending on transport and on shopping in June 2026`, answer(eur(await L.spend(within(P(16), m('2026-06'), is('category', 'Transport')))), eur(await L.spend(within(P(16), m('2026-06'), is('category', 'Shopping'))))));
  add('multi', 'income-and-count', `Give me ${P(17)}'s income and the number of transactions in February 2026`, answer(eur(await L.income(within(P(17), m('2026-02')))), await L.count(within(P(17), m('2026-02')))));
  {
    const shops = await L.top('merchant', within(P(18), { from: '2026-01-01', to: today }), 2);
    if (shops.length === 2) add('multi', 'two-merchants', `${P(18)} spent how much at ${shops[0]?.name} and at ${shops[1]?.name} in 2026?`, answer(...shops.map((s) => `${s.amount} EUR`)));
  }

  // --- typos ----------------------------------------------------------------------------------------------
  add('typo', 'mcuh-febuary', `how mcuh did ${P(19)} spend in febuary 2026`, answer(eur(await L.spend(within(P(19), m('2026-02'))))));
  add('typo', 'grocerys', `${P(20)} grocerys in march 2026`, answer(eur(await L.spend(within(P(20), m('2026-03'), is('category', 'Groceries'))))));
  add('typo', 'totall-income', `${P(21)} totall income for april 2026`, answer(eur(await L.income(within(P(21), m('2026-04'))))));
  add('typo', 'waht-decmber', `waht was ${P(22)}'s spending in decmber 2025`, answer(eur(await L.spend(within(P(22), m('2025-12'))))));
  add('typo', 'transprot', `${P(23)} transprot spending july 2026`, answer(eur(await L.spend(within(P(23), m('2026-07'), is('category', 'Transport'))))));

  // --- the data cannot answer these: refuse, never a figure ------------------------------------------------
  const cannot: Array<[string, string]> = [
    ['next-month-forecast', `What will ${P(24)} spend next month?`],
    ['born', `When was ${P(25)} born?`],
    ['before-data', `How much did ${P(26)} spend in October 2025?`],
    ['after-data', `${P(27)} spending in September 2026`],
    ['credit-score', `What's ${P(28)}'s credit score?`],
    ['why', `Why did ${P(29)} spend so much in March 2026?`],
    ['year-2023', `How much did ${P(30)} spend in 2023?`],
    ['weather', "What's the weather in Berlin today?"],
    ['stock-advice', `Which stocks should ${P(31)} buy?`],
    ['salary-next-year', `What will ${P(32)}'s salary be next year?`],
    ['age', `How old is ${P(33)}?`],
    ['pension-age', `At what age can ${P(34)} retire?`],
  ];
  for (const [id, question] of cannot) add('unanswerable', id, question, refused);
  return cases;
}
