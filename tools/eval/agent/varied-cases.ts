import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';
import type { ProbeCase } from './probe-cases.ts';

// A third, held-out question set for issue #20's "eval that can fail": each question shape asked
// in several phrasings (formal, terse, lower-case, ISO months, "Mon YYYY", a possessive, a typo),
// for different customers, months and categories drawn from the data. Written in one go before
// the planner was run on any of it, and never tuned to: its floor records the first run. Every
// expected figure comes from EvalSql's hand-written SQL on the RAW tables.

const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
const refused: Expectation = { kind: 'refused' };
const eur = (amount: string) => `${amount} EUR`;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface MonthWords {
  readonly iso: string;
  readonly long: string;
  readonly lower: string;
  readonly short: string;
  readonly from: string;
  readonly to: string;
}

function monthWords(iso: string): MonthWords {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const name = MONTH_NAMES[m - 1] as string;
  return {
    iso,
    long: `${name} ${y}`,
    lower: `${name.toLowerCase()} ${y}`,
    short: `${name.slice(0, 3)} ${y}`,
    from: `${iso}-01`,
    to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10),
  };
}

function diff(a: string, b: string): string {
  const cents = Math.round(Number(b) * 100) - Math.round(Number(a) * 100);
  const text = (Math.abs(cents) / 100).toFixed(2);
  return cents < 0 ? `-${text}` : `+${text}`;
}

function pct(a: string, b: string): string {
  const before = Number(a);
  const value = Math.round(((Number(b) - before) / Math.abs(before)) * 10_000) / 100;
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}%`;
}

export async function buildVariedCases(sql: EvalSql): Promise<ProbeCase[]> {
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation) => cases.push({ cls, id: `varied-${id}`, questions: [question], expect, heldOut: true });
  const customers = await Promise.all(Array.from({ length: 24 }, (_, i) => sql.customerByRank(i + 2)));
  const c = (i: number) => customers[i % customers.length] as string;
  const months = ['2026-02', '2026-03', '2026-04', '2026-05'].map(monthWords);
  const m = (i: number) => months[i % months.length] as MonthWords;

  // --- spend of a customer in a month, six phrasings x 2 ---------------------------------------
  const spendPhrasings: Array<(cu: string, mo: MonthWords) => string> = [
    (cu, mo) => `How much did ${cu} spend in ${mo.long}?`,
    (cu, mo) => `what did ${cu} spend during ${mo.lower}`,
    (cu, mo) => `${cu} total spending ${mo.short}`,
    (cu, mo) => `Total spend for customer ${cu} in ${mo.iso}`,
    (cu, mo) => `How much money did ${cu} pay out in ${mo.long}?`,
    (cu, mo) => `${cu}'s spending in ${mo.long}, please`,
  ];
  for (let round = 0; round < 3; round += 1) {
    for (const [i, phrase] of spendPhrasings.entries()) {
      const cu = c(i + round * 6);
      const mo = m(i + round);
      const s = await sql.spend({ customer: cu, from: mo.from, to: mo.to });
      add('spend-month', `spend-${round}-${i}`, phrase(cu, mo), answer(eur(s.amount)));
    }
  }

  // --- spend on a category (the customer's own top category that month) ------------------------
  const categoryPhrasings: Array<(cu: string, cat: string, mo: MonthWords) => string> = [
    (cu, cat, mo) => `How much did ${cu} spend on ${cat} in ${mo.long}?`,
    (cu, cat, mo) => `${cat} spending for ${cu} in ${mo.lower}`,
    (cu, cat, mo) => `what did ${cu} pay for ${cat.toLowerCase()} in ${mo.long}`,
    (cu, cat, mo) => `Amount spent on ${cat.toLowerCase()} by ${cu}, ${mo.iso}`,
    (cu, cat, mo) => `${cu} ${cat.toLowerCase()} ${mo.short}`,
  ];
  for (let round = 0; round < 3; round += 1) {
    for (const [i, phrase] of categoryPhrasings.entries()) {
      const cu = c(i + 3 + round * 5);
      const mo = m(i + round + 1);
      const top = (await sql.spendBy('t.category', { customer: cu, from: mo.from, to: mo.to }))[0];
      if (!top) continue;
      const s = await sql.spend({ customer: cu, category: top.key, from: mo.from, to: mo.to });
      add('spend-category', `category-${round}-${i}`, phrase(cu, top.key, mo), answer(eur(s.amount)));
    }
  }

  // --- income ---------------------------------------------------------------------------------
  const incomePhrasings: Array<(cu: string, mo: MonthWords) => string> = [
    (cu, mo) => `How much income did ${cu} receive in ${mo.long}?`,
    (cu, mo) => `what did ${cu} earn in ${mo.lower}`,
    (cu, mo) => `${cu} income ${mo.iso}`,
    (cu, mo) => `How much money came into ${cu}'s accounts in ${mo.long}?`,
    (cu, mo) => `total credits (income) of ${cu} for ${mo.short}`,
  ];
  for (const [i, phrase] of incomePhrasings.entries()) {
    for (let round = 0; round < 3; round += 1) {
      const cu = c(i * 2 + round + 1);
      const mo = m(i + round * 2);
      add('income', `income-${round}-${i}`, phrase(cu, mo), answer(eur(await sql.income({ customer: cu, from: mo.from, to: mo.to }))));
    }
  }

  // --- net cash flow --------------------------------------------------------------------------
  const netPhrasings: Array<(cu: string, mo: MonthWords) => string> = [
    (cu, mo) => `What was ${cu}'s net cash flow in ${mo.long}?`,
    (cu, mo) => `net of income minus spending for ${cu} in ${mo.lower}`,
    (cu, mo) => `Did ${cu} save money in ${mo.long}? What was the net?`,
  ];
  for (const [i, phrase] of netPhrasings.entries()) {
    for (let round = 0; round < 3; round += 1) {
      const cu = c(i + 7 + round * 3);
      const mo = m(i + round);
      add('net', `net-${round}-${i}`, phrase(cu, mo), answer(eur(await sql.net({ customer: cu, from: mo.from, to: mo.to }))));
    }
  }

  // --- date ranges in several notations -------------------------------------------------------
  const ranges: Array<{ q: (cu: string) => string; from: string; to: string }> = [
    { q: (cu) => `How much did ${cu} spend between 2026-02-10 and 2026-03-20?`, from: '2026-02-10', to: '2026-03-20' },
    { q: (cu) => `spend of ${cu} from 1 March 2026 to 15 April 2026`, from: '2026-03-01', to: '2026-04-15' },
    { q: (cu) => `What did ${cu} spend from February through April 2026?`, from: '2026-02-01', to: '2026-04-30' },
    { q: (cu) => `${cu} spending in Q1 2026`, from: '2026-01-01', to: '2026-03-31' },
    { q: (cu) => `How much did ${cu} spend in the second quarter of 2026?`, from: '2026-04-01', to: '2026-06-30' },
    { q: (cu) => `total spent by ${cu} in H1 2026`, from: '2026-01-01', to: '2026-06-30' },
    { q: (cu) => `How much has ${cu} spent so far in 2026?`, from: '2026-01-01', to: '2026-12-31' },
    { q: (cu) => `spending of ${cu} in the period March 5 2026 to March 25 2026`, from: '2026-03-05', to: '2026-03-25' },
  ];
  for (const [i, r] of ranges.entries()) {
    const cu = c(i + 11);
    add('range', `range-${i}`, r.q(cu), answer(eur((await sql.spend({ customer: cu, from: r.from, to: r.to })).amount)));
  }

  // --- comparisons and percent change ---------------------------------------------------------
  const comparisons: Array<(cu: string, a: MonthWords, b: MonthWords) => string> = [
    (cu, a, b) => `Did ${cu} spend more in ${b.long} than in ${a.long}, and by how much?`,
    (cu, a, b) => `difference in ${cu}'s spending between ${a.lower} and ${b.lower}`,
    (cu, a, b) => `How did ${cu}'s spend change from ${a.short} to ${b.short}?`,
    (cu, a, b) => `${cu}: spending ${b.iso} compared with ${a.iso}`,
  ];
  for (const [i, phrase] of comparisons.entries()) {
    const cu = c(i + 15);
    const a = m(i % 3);
    const b = m((i % 3) + 1);
    const sa = (await sql.spend({ customer: cu, from: a.from, to: a.to })).amount;
    const sb = (await sql.spend({ customer: cu, from: b.from, to: b.to })).amount;
    add('comparison', `compare-${i}`, phrase(cu, a, b), answer(eur(diff(sa, sb))));
  }
  const percents: Array<(cu: string, a: MonthWords, b: MonthWords) => string> = [
    (cu, a, b) => `By how many percent did ${cu}'s spending change from ${a.long} to ${b.long}?`,
    (cu, a, b) => `percentage change of ${cu} spend ${a.lower} -> ${b.lower}`,
    (cu, a, b) => `What is the % change in spending for ${cu} between ${a.long} and ${b.long}?`,
    (cu, a, b) => `relative change (in percent) of ${cu}'s outgoings from ${a.short} to ${b.short}`,
  ];
  for (const [i, phrase] of percents.entries()) {
    const cu = c(i + 19);
    const a = m(i % 3);
    const b = m((i % 3) + 1);
    const sa = (await sql.spend({ customer: cu, from: a.from, to: a.to })).amount;
    const sb = (await sql.spend({ customer: cu, from: b.from, to: b.to })).amount;
    if (Number(sa) === 0) continue;
    add('percent', `percent-${i}`, phrase(cu, a, b), answer(pct(sa, sb)));
  }

  // --- rankings: top category, top merchant ---------------------------------------------------
  const topCategory: Array<(cu: string, mo: MonthWords) => string> = [
    (cu, mo) => `Which category did ${cu} spend the most on in ${mo.long}?`,
    (cu, mo) => `biggest spending category for ${cu} in ${mo.lower}`,
    (cu, mo) => `What did ${cu} spend most of their money on in ${mo.long}?`,
    (cu, mo) => `${cu} top category ${mo.iso}`,
  ];
  for (const [i, phrase] of topCategory.entries()) {
    const cu = c(i + 4);
    const mo = m(i + 2);
    const top = (await sql.spendBy('t.category', { customer: cu, from: mo.from, to: mo.to }))[0];
    if (top) add('ranking', `top-category-${i}`, phrase(cu, mo), answer(top.key, eur(top.amount)));
  }
  const topMerchant: Array<(cu: string, mo: MonthWords) => string> = [
    (cu, mo) => `Where did ${cu} spend the most money in ${mo.long}?`,
    (cu, mo) => `top merchant of ${cu} in ${mo.lower}`,
    (cu, mo) => `Which shop got most of ${cu}'s money in ${mo.long}?`,
    (cu, mo) => `${cu}'s number one merchant by spend, ${mo.short}`,
  ];
  for (const [i, phrase] of topMerchant.entries()) {
    const cu = c(i + 8);
    const mo = m(i + 1);
    const top = (await sql.spendBy('t.merchant', { customer: cu, from: mo.from, to: mo.to })).find((r) => r.key !== '');
    if (top) add('ranking', `top-merchant-${i}`, phrase(cu, mo), answer(top.key, eur(top.amount)));
  }

  // --- balances -------------------------------------------------------------------------------
  const balancePhrasings: Array<(x: string) => string> = [
    (acc) => `What's the balance of ${acc}?`,
    (acc) => `current balance on account ${acc}`,
    (acc) => `how much is in ${acc} right now`,
    (acc) => `Balance ${acc}`,
  ];
  for (const [i, phrase] of balancePhrasings.entries()) {
    const account = (await sql.rows(`SELECT account_id, CAST(balance AS VARCHAR) AS balance, currency FROM raw.accounts WHERE NOT _deleted AND customer_id = '${c(i + 12)}' ORDER BY 1 LIMIT 1`))[0];
    if (account) add('balance', `balance-${i}`, phrase(account.account_id as string), answer(`${account.balance} ${account.currency}`));
  }
  {
    const cu = c(20);
    const rows = await sql.rows(`SELECT CAST(balance AS VARCHAR) AS balance, currency FROM raw.accounts WHERE NOT _deleted AND customer_id = '${cu}' ORDER BY account_id`);
    add('balance', 'balance-customer-words', `What are the balances of ${cu}'s accounts?`, answer(...rows.map((r) => `${r.balance} ${r.currency}`)));
    add('balance', 'balance-customer-terse', `${cu} balances`, answer(...rows.map((r) => `${r.balance} ${r.currency}`)));
  }

  // --- relative months (the data's latest day is "now") --------------------------------------
  {
    const latest = await sql.latestDay();
    const [ly, lm] = latest.slice(0, 7).split('-').map(Number) as [number, number];
    const previous = monthWords(new Date(Date.UTC(ly, lm - 2, 1)).toISOString().slice(0, 7));
    const current = { from: `${latest.slice(0, 7)}-01`, to: latest };
    const relative: Array<{ q: (cu: string) => string; from: string; to: string; income?: boolean }> = [
      { q: (cu) => `How much did ${cu} spend last month?`, from: previous.from, to: previous.to },
      { q: (cu) => `what did ${cu} spend in the previous month`, from: previous.from, to: previous.to },
      { q: (cu) => `${cu} spending last month`, from: previous.from, to: previous.to },
      { q: (cu) => `How much has ${cu} spent this month so far?`, from: current.from, to: current.to },
      { q: (cu) => `${cu} income last month`, from: previous.from, to: previous.to, income: true },
      { q: (cu) => `What did ${cu} earn last month?`, from: previous.from, to: previous.to, income: true },
    ];
    for (const [i, r] of relative.entries()) {
      const cu = c(i + 5);
      const figure = r.income ? await sql.income({ customer: cu, from: r.from, to: r.to }) : (await sql.spend({ customer: cu, from: r.from, to: r.to })).amount;
      add('relative', `relative-${i}`, r.q(cu), answer(eur(figure)));
    }
  }

  // --- typos ----------------------------------------------------------------------------------
  {
    const mo = m(1);
    const s1 = await sql.spend({ customer: c(2), from: mo.from, to: mo.to });
    add('typo', 'typo-spent', `how much did ${c(2)} spent in ${mo.lower}`, answer(eur(s1.amount)));
    const s2 = await sql.spend({ customer: c(3), from: mo.from, to: mo.to });
    add('typo', 'typo-spedn', `how much did ${c(3)} spedn in ${mo.lower}`, answer(eur(s2.amount)));
    const mo2 = m(2);
    const s3 = await sql.spend({ customer: c(4), from: mo2.from, to: mo2.to });
    add('typo', 'typo-month', `total spending of ${c(4)} in apirl 2026`, answer(eur(s3.amount)));
    const i4 = await sql.income({ customer: c(5), from: mo.from, to: mo.to });
    add('typo', 'typo-income', `how much incme did ${c(5)} get in ${mo.lower}`, answer(eur(i4)));
    const top = (await sql.spendBy('t.category', { customer: c(6), from: mo2.from, to: mo2.to }))[0];
    if (top && top.key.length > 5) {
      const typo = `${top.key.slice(0, 2)}${top.key[3]}${top.key[2]}${top.key.slice(4)}`.toLowerCase();
      const s = await sql.spend({ customer: c(6), category: top.key, from: mo2.from, to: mo2.to });
      add('typo', 'typo-category', `how much did ${c(6)} spend on ${typo} in april 2026`, answer(eur(s.amount)));
    }
  }

  // --- multi-part -----------------------------------------------------------------------------
  for (let i = 0; i < 3; i += 1) {
    const cu = c(i + 9);
    const mo = m(i);
    const s = await sql.spend({ customer: cu, from: mo.from, to: mo.to });
    const inc = await sql.income({ customer: cu, from: mo.from, to: mo.to });
    const q = [
      `How much did ${cu} spend and earn in ${mo.long}?`,
      `${cu} in ${mo.lower}: spending and income`,
      `What were ${cu}'s income and spend in ${mo.long}?`,
    ][i] as string;
    add('multi-part', `spend-income-${i}`, q, answer(eur(s.amount), eur(inc)));
  }

  // --- unanswerable: refuse -------------------------------------------------------------------
  const unanswerable = [
    `What will ${c(0)} spend next month?`,
    `Who is ${c(1)}'s employer?`,
    `What's the home address of ${c(2)}?`,
    `How much did ${c(3)} spend in 2015?`,
    `What is ${c(4)}'s credit score?`,
    `Give me the date of birth of ${c(5)}`,
    'How much will inflation be next year?',
    'Which customers will close their accounts next month?',
    `Predict ${c(6)}'s income for 2027`,
    `What is the email of ${c(7)}?`,
    'How much was spent in 2020?',
    `Estimate ${c(8)}'s spending for next quarter`,
    `What's ${c(9)}'s salary going to be next year?`,
    `phone number for ${c(10)}`,
    `Why did ${c(11)} spend so much?`,
    'What will the total income be in December 2026?',
    `Which stocks does ${c(12)} own?`,
    `Is ${c(13)} married?`,
  ];
  for (const [i, q] of unanswerable.entries()) add('unanswerable', `refuse-${i}`, q, refused);

  return cases;
}
