import type { EvalDatasetSpec } from './eval-fixture.ts';
import type { EvalSql } from './eval-sql.ts';
import type { Expectation } from './grade-answer.ts';
import type { ProbeCase } from './probe-cases.ts';

// The third sealed held-out set (issue #20, session 7, 2026-12-07). Written and committed BEFORE
// any planner change of that session and scored once on the planner as it was (docs/agent.md).
// Fixes of that session are made by class, in general code, and never by matching the words of a
// question here: this is the set nobody tunes to. Held out three ways:
// - its own dataset (seed 31337, 36 customers, February..September 2026), so a fix fitted to the
//   eval dataset's or sealed2's customers, merchants or months cannot fit it;
// - its own SQL, written for this file from the definitions of docs/analytics.md and nothing else
//   (counted = live, not a TRANSFER or TRADE, not REVERSED/DECLINED; spend = counted DEBIT,
//   income = counted CREDIT, net = income - spend, count = counted rows of both directions, days
//   are UTC days of occurred_at, amounts in the base currency's normalized_amount; balance = the
//   account's current balance in its own currency; percent change = (later - earlier) / |earlier|
//   half away from zero to 0.01 %; average per month = total / months of the range the data covers,
//   half-even on cents). It reads RAW through one CTE of its own, not EvalSql's helpers;
// - its own phrasings: paraphrases, typos, relative dates, two questions in one.
// `run-sealed3.ts` prints counts per class only.

/** The dataset this set is asked about: neither the eval's (4242) nor sealed2's (8128). */
export const SEALED3_DATASET: EvalDatasetSpec = { seed: 31337, customers: 36, months: 8, startMonth: '2026-02' };

const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
const refused: Expectation = { kind: 'refused' };
const eur = (amount: string) => `${amount} EUR`;
const q = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** Counted rows of RAW with their UTC day and owner: the only relation the expectations read. */
const LEDGER = `WITH ledger AS (
  SELECT t.*, CAST(timezone('UTC', t.occurred_at) AS DATE) AS utc_day, x.customer_id AS owner
  FROM raw.transactions t JOIN raw.accounts x ON x.account_id = t.account_id
  WHERE NOT t._deleted AND t.txn_type NOT IN ('TRANSFER', 'TRADE') AND t.status NOT IN ('REVERSED', 'DECLINED')
)`;

interface Ask {
  readonly owner?: string;
  readonly from: string;
  readonly to: string;
  readonly and?: readonly string[];
}

const predicate = (a: Ask) =>
  [`utc_day BETWEEN DATE ${q(a.from)} AND DATE ${q(a.to)}`, ...(a.owner ? [`owner = ${q(a.owner)}`] : []), ...(a.and ?? [])].join(' AND ');

const centsText = (cents: bigint) => {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};
const signedText = (cents: bigint) => (cents < 0n ? centsText(cents) : `+${centsText(cents)}`);

/** (later - earlier) / |earlier| in hundredths of a percent, half away from zero, as "+12.34%". */
function percentText(earlier: bigint, later: bigint): string {
  const num = (later - earlier) * 10_000n;
  const den = earlier < 0n ? -earlier : earlier;
  const mag = ((num < 0n ? -num : num) * 2n + den) / (2n * den);
  const v = num < 0n ? -mag : mag;
  return `${v < 0n ? '-' : '+'}${centsText(v < 0n ? -v : v)}%`;
}

/** cents / n, half to even. */
function perMonthText(cents: bigint, n: number): string {
  const d = BigInt(n);
  let quotient = cents / d;
  const rest = cents % d;
  if (rest * 2n > d || (rest * 2n === d && quotient % 2n !== 0n)) quotient += 1n;
  return centsText(quotient);
}

const lastDayOf = (ym: string) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const month = (ym: string) => ({ from: `${ym}-01`, to: lastDayOf(ym) });
const minusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export async function buildSealed3Cases(sql: EvalSql): Promise<ProbeCase[]> {
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation) =>
    cases.push({ cls, id: `sealed3-${id}`, questions: [question], expect, heldOut: true });

  const cents = async (expr: string, a: Ask) =>
    BigInt((await sql.one(`${LEDGER} SELECT CAST(CAST(round(coalesce(${expr}, 0) * 100) AS BIGINT) AS VARCHAR) AS v FROM ledger WHERE ${predicate(a)}`)).v as string);
  const out = (a: Ask) => cents("sum(normalized_amount) FILTER (WHERE direction = 'DEBIT')", a);
  const inc = (a: Ask) => cents("sum(normalized_amount) FILTER (WHERE direction = 'CREDIT')", a);
  const net = (a: Ask) => cents("sum(CASE direction WHEN 'CREDIT' THEN normalized_amount ELSE -normalized_amount END)", a);
  const rowCount = async (a: Ask) => (await sql.one(`${LEDGER} SELECT CAST(count(*) AS VARCHAR) AS v FROM ledger WHERE ${predicate(a)}`)).v as string;
  /** Spend per value of a column, largest first, rows without a value left out. */
  const ranked = async (column: string, a: Ask, n: number) =>
    (
      await sql.rows(
        `${LEDGER} SELECT ${column} AS k, CAST(CAST(round(sum(normalized_amount) * 100) AS BIGINT) AS VARCHAR) AS c FROM ledger
         WHERE ${predicate(a)} AND direction = 'DEBIT' AND coalesce(${column}, '') <> ''
         GROUP BY 1 ORDER BY sum(normalized_amount) DESC, 1 LIMIT ${n}`,
      )
    ).map((r) => ({ k: r.k as string, v: centsText(BigInt(r.c as string)) }));

  const people = (
    await sql.rows(
      `${LEDGER} SELECT owner AS id FROM ledger GROUP BY 1 HAVING count(*) > 80 ORDER BY md5(owner || '/sealed3'), 1`,
    )
  ).map((r) => r.id as string);
  const P = (i: number) => people[i % people.length] as string;
  const accounts = (who: string) =>
    sql.rows(`SELECT account_id AS id, account_type AS kind, CAST(balance AS VARCHAR) AS b, currency AS cur FROM raw.accounts WHERE NOT _deleted AND customer_id = ${q(who)} ORDER BY account_id`);

  const bounds = await sql.one(`${LEDGER} SELECT CAST(min(utc_day) AS VARCHAR) AS lo, CAST(max(utc_day) AS VARCHAR) AS hi FROM ledger`);
  const first = bounds.lo as string;
  const today = bounds.hi as string;
  const current = today.slice(0, 7);
  const monthsBack = (n: number) => {
    const [y, m] = current.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
  };
  /** Months from..to of which the data covers some day. */
  const coveredMonths = (from: string, to: string) => {
    const lo = (from < first ? first : from).slice(0, 7);
    const hi = (to > today ? today : to).slice(0, 7);
    return (Number(hi.slice(0, 4)) - Number(lo.slice(0, 4))) * 12 + Number(hi.slice(5)) - Number(lo.slice(5)) + 1;
  };
  const year = { from: '2026-01-01', to: '2026-12-31' };

  // --- a filter named in the question must be applied ----------------------------------------
  add('filter', 'transport', `How much did ${P(0)} spend on Transport in April 2026?`, answer(eur(centsText(await out({ owner: P(0), ...month('2026-04'), and: ["category = 'Transport'"] })))));
  add('filter', 'restaurants', `${P(1)}'s restaurant spending, May 2026`, answer(eur(centsText(await out({ owner: P(1), ...month('2026-05'), and: ["subcategory = 'Restaurants'"] })))));
  add('filter', 'online', `online spending of ${P(2)} in June 2026`, answer(eur(centsText(await out({ owner: P(2), ...month('2026-06'), and: ["channel = 'ONLINE'"] })))));
  add('filter', 'in-store', `What did ${P(3)} spend in store in July 2026?`, answer(eur(centsText(await out({ owner: P(3), ...month('2026-07'), and: ["channel = 'CARD_PRESENT'"] })))));
  {
    // The first customer from P(4) on who bought fuel that month (a 0.00 answer would prove little).
    const fuel = { ...month('2026-03'), and: ["subcategory = 'Fuel'"] };
    const buyers = [];
    for (let i = 4; i < 4 + people.length; i += 1) if ((await out({ owner: P(i), ...fuel })) > 0n) buyers.push(P(i));
    const buyer = buyers[0];
    if (buyer) add('filter', 'fuel', `How much went on fuel for ${buyer} in March 2026?`, answer(eur(centsText(await out({ owner: buyer, ...fuel })))));
  }
  {
    const shop = (await ranked('merchant', { owner: P(5), from: '2026-04-01', to: '2026-06-30' }, 1))[0];
    if (shop) add('filter', 'merchant-q2', `${P(5)} spending at ${shop.k} during Q2 2026`, answer(eur(shop.v)));
  }
  {
    const names: Record<string, string> = { DE: 'Germany', FR: 'France', NL: 'the Netherlands', ES: 'Spain', IT: 'Italy', AT: 'Austria', BE: 'Belgium', IE: 'Ireland', GB: 'the United Kingdom', PL: 'Poland', SE: 'Sweden', CH: 'Switzerland' };
    const place = (await ranked('country', { owner: P(6), ...month('2026-08') }, 10)).find((r) => names[r.k]);
    if (place) add('filter', 'country', `How much did ${P(6)} spend in ${names[place.k]} in August 2026?`, answer(eur(place.v)));
  }
  add('filter', 'utilities-bill', `${P(7)} utilities bill for the month of June 2026`, answer(eur(centsText(await out({ owner: P(7), ...month('2026-06'), and: ["category = 'Utilities'"] })))));

  // --- time ranges ------------------------------------------------------------------------------
  add('time', 'first-quarter', `${P(8)}: total spent in the first quarter of 2026`, answer(eur(centsText(await out({ owner: P(8), from: '2026-01-01', to: '2026-03-31' })))));
  add('time', 'between-days', `How much did ${P(9)} spend between 10 April 2026 and 20 April 2026?`, answer(eur(centsText(await out({ owner: P(9), from: '2026-04-10', to: '2026-04-20' })))));
  add('time', 'last-month', `${P(10)} spending last month`, answer(eur(centsText(await out({ owner: P(10), ...month(monthsBack(1)) })))));
  add('time', 'past-three-months', `what did ${P(11)} spend over the past three months`, answer(eur(centsText(await out({ owner: P(11), from: `${monthsBack(2)}-01`, to: today })))));
  add('time', 'last-14-days', `${P(12)} spend in the last 14 days`, answer(eur(centsText(await out({ owner: P(12), from: minusDays(today, 13), to: today })))));
  add('time', 'h1', `${P(13)} spending in H1 2026`, answer(eur(centsText(await out({ owner: P(13), from: '2026-01-01', to: '2026-06-30' })))));
  add('time', 'iso-month', `${P(14)} spent how much in 2026-05?`, answer(eur(centsText(await out({ owner: P(14), ...month('2026-05') })))));
  add('time', 'since-day', `How much did ${P(15)} spend since July 1, 2026?`, answer(eur(centsText(await out({ owner: P(15), from: '2026-07-01', to: today })))));
  add('time', 'ytd', `${P(16)}'s spending year to date`, answer(eur(centsText(await out({ owner: P(16), from: `${today.slice(0, 4)}-01-01`, to: today })))));

  // --- comparisons: later minus earlier --------------------------------------------------------
  const diff = async (measure: (a: Ask) => Promise<bigint>, who: string, earlier: string, later: string, and?: string[]) =>
    eur(signedText((await measure({ owner: who, ...month(later), ...(and ? { and } : {}) })) - (await measure({ owner: who, ...month(earlier), ...(and ? { and } : {}) }))));
  add('comparison', 'higher-by-how-much', `Was ${P(17)}'s spending higher in June 2026 or May 2026, and by how much?`, answer(await diff(out, P(17), '2026-05', '2026-06')));
  add('comparison', 'income-vs', `${P(18)}: income in July 2026 vs income in June 2026`, answer(await diff(inc, P(18), '2026-06', '2026-07')));
  add('comparison', 'this-vs-last', `compare spending of ${P(19)} this month with last month`, answer(await diff(out, P(19), monthsBack(1), current)));
  add('comparison', 'grocery-change', `how did ${P(20)}'s grocery spending change from March 2026 to April 2026?`, answer(await diff(out, P(20), '2026-03', '2026-04', ["category = 'Groceries'"])));

  // --- percent change ------------------------------------------------------------------------------
  const pct = async (id: string, measure: (a: Ask) => Promise<bigint>, who: string, earlier: string, later: string, question: string) => {
    const a = await measure({ owner: who, ...month(earlier) });
    const b = await measure({ owner: who, ...month(later) });
    if (a !== 0n) add('percent', id, question, answer(percentText(a, b)));
  };
  await pct('pct-spend', out, P(21), '2026-07', '2026-08', `percentage change in ${P(21)}'s spending from July 2026 to August 2026`);
  await pct('pct-income', inc, P(22), '2026-05', '2026-06', `By how much percent did ${P(22)}'s income change between May 2026 and June 2026?`);
  await pct('pct-growth', out, P(23), '2026-04', '2026-05', `${P(23)} spending growth in % from April to May 2026`);

  // --- average per month (months the data covers) -------------------------------------------------
  add('average', 'avg-2026', `average monthly spending of ${P(24)} in 2026`, answer(eur(perMonthText(await out({ owner: P(24), ...year }), coveredMonths(year.from, year.to)))));
  add('average', 'avg-groceries-all', `How much does ${P(25)} spend on groceries per month, on average?`, answer(eur(perMonthText(await out({ owner: P(25), from: first, to: today, and: ["category = 'Groceries'"] }), coveredMonths(first, today)))));
  add('average', 'avg-range', `${P(26)}: average spend per month between March and June 2026`, answer(eur(perMonthText(await out({ owner: P(26), from: '2026-03-01', to: '2026-06-30' }), 4))));
  add('average', 'avg-income-h1', `average income per month for ${P(27)} in the first half of 2026`, answer(eur(perMonthText(await inc({ owner: P(27), from: '2026-01-01', to: '2026-06-30' }), coveredMonths('2026-01-01', '2026-06-30')))));

  // --- balances: the account's current balance, in its currency --------------------------------------
  {
    const one = (await accounts(P(28)))[0];
    if (one) add('balance', 'balance-on', `What's the balance on ${one.id}?`, answer(`${one.b} ${one.cur}`));
    add('balance', 'money-in-accounts', `How much money is in ${P(29)}'s accounts?`, answer(...(await accounts(P(29))).map((r) => `${r.b} ${r.cur}`)));
    const saving = (await accounts(P(30))).find((r) => r.kind === 'SAVINGS') ?? (await accounts(P(31))).find((r) => r.kind === 'SAVINGS');
    const savingOwner = (await accounts(P(30))).some((r) => r.kind === 'SAVINGS') ? P(30) : P(31);
    if (saving) add('balance', 'savings', `${savingOwner} savings account balance`, answer(`${saving.b} ${saving.cur}`));
    add('balance', 'have-right-now', `how much does ${P(32)} have right now`, answer(...(await accounts(P(32))).map((r) => `${r.b} ${r.cur}`)));
  }

  // --- rankings ---------------------------------------------------------------------------------
  {
    const cat = (await ranked('category', { owner: P(33), ...month('2026-06') }, 1))[0];
    if (cat) add('ranking', 'top-category', `Which category did ${P(33)} spend the most on in June 2026?`, answer(cat.k, eur(cat.v)));
    const shops = await ranked('merchant', { owner: P(34), from: '2026-07-01', to: '2026-09-30' }, 3);
    add('ranking', 'top-3-merchants', `top 3 merchants of ${P(34)} in Q3 2026`, answer(...shops.flatMap((r) => [r.k, eur(r.v)])));
    const town = (await ranked('city', { owner: P(35), ...year }, 1))[0];
    if (town) add('ranking', 'city', `In which city did ${P(35)} spend the most in 2026?`, answer(town.k, eur(town.v)));
    const sub = (await ranked('subcategory', { owner: P(0), ...month('2026-05') }, 1))[0];
    if (sub) add('ranking', 'subcategory', `which subcategory cost ${P(0)} the most in May 2026`, answer(sub.k, eur(sub.v)));
    const fav = (await ranked('merchant', { owner: P(1), ...month('2026-07') }, 1))[0];
    if (fav) add('ranking', 'favourite-merchant', `${P(1)}'s favourite merchant by amount spent, July 2026`, answer(fav.k, eur(fav.v)));
    const spender = (await ranked('owner', month('2026-08'), 1))[0];
    if (spender) add('ranking', 'top-customer', 'Which customer spent the most in August 2026?', answer(spender.k, eur(spender.v)));
  }

  // --- counts: counted rows of both directions -----------------------------------------------------
  add('count', 'count-plain', `number of transactions for ${P(2)} in August 2026`, answer(await rowCount({ owner: P(2), ...month('2026-08') })));
  {
    const shop = (await ranked('merchant', { owner: P(3), ...year }, 1))[0];
    if (shop) add('count', 'times-at-merchant', `how many times did ${P(3)} pay at ${shop.k} in 2026?`, answer(await rowCount({ owner: P(3), ...year, and: [`merchant = ${q(shop.k)}`] })));
  }
  add('count', 'dining-count', `How many dining transactions did ${P(4)} have in July 2026?`, answer(await rowCount({ owner: P(4), ...month('2026-07'), and: ["category = 'Dining'"] })));

  // --- plain words for spend, income, net -----------------------------------------------------------
  add('phrasing', 'expenses', `What were ${P(5)}'s total expenses in July 2026?`, answer(eur(centsText(await out({ owner: P(5), ...month('2026-07') })))));
  add('phrasing', 'get-paid', `how much did ${P(6)} get paid in June 2026`, answer(eur(centsText(await inc({ owner: P(6), ...month('2026-06') })))));
  add('phrasing', 'save', `What did ${P(7)} save in August 2026?`, answer(eur(centsText(await net({ owner: P(7), ...month('2026-08') })))));
  add('phrasing', 'debits', `${P(8)}'s total debits in April 2026`, answer(eur(centsText(await out({ owner: P(8), ...month('2026-04') })))));
  add('phrasing', 'income-received', `how much income did ${P(9)} receive in 2026-07`, answer(eur(centsText(await inc({ owner: P(9), ...month('2026-07') })))));

  // --- two questions in one: both answered ------------------------------------------------------------
  add('multi', 'in-vs-out', `${P(10)} money in vs money out, May 2026`, answer(eur(centsText(await inc({ owner: P(10), ...month('2026-05') }))), eur(centsText(await out({ owner: P(10), ...month('2026-05') })))));
  add('multi', 'two-months', `How much did ${P(11)} spend in June 2026 and July 2026?`, answer(eur(centsText(await out({ owner: P(11), ...month('2026-06') }))), eur(centsText(await out({ owner: P(11), ...month('2026-07') })))));
  add('multi', 'two-categories', `${P(12)}: spending on groceries and on dining in August 2026`, answer(eur(centsText(await out({ owner: P(12), ...month('2026-08'), and: ["category = 'Groceries'"] }))), eur(centsText(await out({ owner: P(12), ...month('2026-08'), and: ["category = 'Dining'"] })))));

  // --- typos ------------------------------------------------------------------------------------------
  add('typo', 'spedn', `how much did ${P(13)} spedn in june 2026`, answer(eur(centsText(await out({ owner: P(13), ...month('2026-06') })))));
  add('typo', 'resturants', `${P(14)} resturants august 2026`, answer(eur(centsText(await out({ owner: P(14), ...month('2026-08'), and: ["subcategory = 'Restaurants'"] })))));
  add('typo', 'incom', `${P(15)} incom in may 2026`, answer(eur(centsText(await inc({ owner: P(15), ...month('2026-05') })))));
  add('typo', 'totl-septembr', `totl spending ${P(16)} septembr 2026`, answer(eur(centsText(await out({ owner: P(16), ...month('2026-09') })))));

  // --- the data cannot answer these: refuse -------------------------------------------------------------
  const cannot: Array<[string, string]> = [
    ['balance-forecast', `What will ${P(17)}'s balance be at the end of the year?`],
    ['email', `What is ${P(18)}'s email address?`],
    ['before-data-month', `How much did ${P(19)} spend in January 2026?`],
    ['after-data-month', `${P(20)} spending in October 2026`],
    ['mortgage-rate', `What's the mortgage interest rate of ${P(21)}?`],
    ['home-address', `What is ${P(22)}'s home address?`],
    ['default-risk', `Is ${P(23)} likely to default on a loan?`],
    ['year-2024', `How much did ${P(24)} spend in 2024?`],
    ['steps', `How many steps did ${P(25)} walk yesterday?`],
    ['fx-today', 'What is the EUR to USD exchange rate today?'],
  ];
  for (const [id, question] of cannot) add('unanswerable', id, question, refused);
  return cases;
}
