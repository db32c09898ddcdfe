import type { DocumentKind } from '../documents/agent-document.ts';
import { findCategory, type CategoryMatch } from './category-lexicon.ts';
import { averagedMeasure, detectDimension, detectMetric, SPEND_WORDS_STRICT, WHO_RANKS } from './detect-metric.ts';
import { ATM_WORDS, findAccountId, findChannel, findCountry, findCustomerId, findListedMerchants, findMerchantText, findTopN } from './extract-entities.ts';
import type { MetricKind, QuestionIntent } from './question-intent.ts';
import { uncountableNoun } from './count-noun.ts';
import { correctTypos } from './spelling.ts';
import { extractTimeSpecs, withMonthBefore } from './time-range.ts';
import { leftoverTimeWord, unreadMeasureWords } from './unread-content.ts';
import { writtenDaysToIso } from './written-days.ts';

/** Replaces every occurrence of `pattern` with spaces (keeps offsets). */
function blank(text: string, pattern: RegExp | string): string {
  const regex = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi') : pattern;
  return text.replace(regex, (m) => ' '.repeat(m.length));
}

// Metrics whose question may name a merchant to filter on.
const MERCHANT_FILTERED: readonly MetricKind[] = ['spend', 'count', 'average', 'largest', 'income', 'recurring'];
// Metrics that filter by category (the others name a subject or need none).
const CATEGORY_FILTERED: readonly MetricKind[] = [
  'spend', 'count', 'average', 'largest', 'net', 'top_merchants', 'recurring', 'anomalies', 'month_over_month', 'unknown',
];

function documentKind(text: string): DocumentKind | undefined {
  if (/\bstatement/.test(text)) return 'statement';
  if (/\bmonthly summar/.test(text)) return 'monthly_summary';
  if (/\b(mcc|merchant category code|categor)/.test(text)) return 'category';
  if (/\b(dbt|model|mart|table)\b/.test(text)) return 'dbt_model';
  if (/\bmerchants?\b/.test(text)) return 'merchant';
  return undefined;
}

function subjectOf(metric: MetricKind, question: string): string | undefined {
  const text = question.trim().replace(/[?!.]+$/, '');
  if (metric === 'category_of') {
    const match = /\b(?:category|subcategory|kind of (?:merchant|business)|type of (?:merchant|business))\s+(?:is|does|do)\s+(?:the\s+)?(?:merchant\s+)?(.+?)(?:\s+(?:in|belong to|belong in|fall under|fall into|belongs to|part of))?\s*$/i.exec(text);
    return match?.[1]?.replace(/^["']|["']$/g, '').trim();
  }
  if (metric === 'schema') {
    return /\b((?:raw|marts|reference|staging)\.[a-z_]+|(?:fct|dim|mart|stg)_[a-z_]+)\b/i.exec(text)?.[1]?.toLowerCase();
  }
  if (metric === 'documents') {
    return text.replace(/^(find|search for|search|look up|lookup|show me)\s+(documents?\s+(about|on|for)\s+)?/i, '').trim();
  }
  return undefined;
}

/**
 * The offline planner's reading of one question (no conversation context; see followUp).
 * Deterministic pattern matching over common question shapes, not language understanding:
 * docs/agent.md lists what it recognises.
 */
export function parseQuestion(asked: string): QuestionIntent {
  const { text: question, corrections } = correctTypos(writtenDaysToIso(asked));
  const customerId = findCustomerId(question);
  const accountId = findAccountId(question);
  let text = question.toLowerCase().replace(/[’]/g, "'");
  text = blank(text, /\ba-\d{1,6}-\d{1,3}\b/g);
  text = blank(text, /\bc-\d{1,6}\b|\bcustomer\s+(?:id\s+)?#?\d{1,6}\b/g);

  const detected = detectMetric(text);
  // "compared to the previous month" is the comparison itself, not a second period.
  const withoutComparison = blank(text, /\b(compared?|versus|vs\.?)\s+(to\s+|with\s+)?(the\s+)?(previous|prior|preceding) month\b|\bmonth[- ]over[- ]month\b/g);
  const { found, rest: timesOut } = extractTimeSpecs(withoutComparison);
  const monthBefore = withMonthBefore(timesOut, found.map((f) => f.spec));
  const times = monthBefore.specs;
  // "the month before" is read as a period now; its words are not left for an unread time.
  const afterTimes = monthBefore.read ? blank(timesOut, /\b(the\s+)?(month|one)\s+(before|prior)(\s+(that|it))?\b/g) : timesOut;

  let metric: MetricKind = detected ?? 'unknown';
  const averageMeasure = metric === 'average' ? averagedMeasure(text) : undefined;
  // Income and net are averaged per month unless the question says per transaction.
  const perMonth = /\b(per|a|each|every)[\s-]month\b|\bmonthly\b/.test(text) || (averageMeasure !== undefined && averageMeasure !== 'spend' && !/\bper (transaction|payment)\b/.test(text));
  const averageOf = metric === 'average' ? (perMonth ? 'month' : 'transaction') : undefined;
  // The measure is income (or net): the word "income" names it, not the category Income.
  const measuresIncome = metric === 'income' || metric === 'net' || (averageMeasure !== undefined && averageMeasure !== 'spend');
  let rest = afterTimes;
  const category = CATEGORY_FILTERED.includes(metric) || metric === 'income' ? narrowest(rest, text, findCategory(rest, measuresIncome ? ['Income'] : [])) : undefined;
  // "at BNP PARIBAS MORTGAGE" is a merchant whose name contains a category word, not a filter.
  const payee = MERCHANT_FILTERED.includes(metric) || detected === undefined ? findMerchantText(rest, { strongOnly: true }) : undefined;
  const insidePayee = category !== undefined && payee !== undefined && payee.toLowerCase().includes(category.phrase);
  // "income" names the measure of income and net questions, not the category Income.
  const measureWord = measuresIncome && category?.category === 'Income' && !category.subcategory;
  const usableCategory = category && !insidePayee && !measureWord ? category : undefined;
  if (usableCategory) rest = blank(rest, usableCategory.phrase);
  if (usableCategory?.parentPhrase) rest = blank(rest, usableCategory.parentPhrase);
  const listed: CategoryMatch[] = usableCategory ? [usableCategory] : [];
  for (let previous = usableCategory; previous; ) {
    const next = findCategory(rest, measuresIncome ? ['Income'] : []);
    if (!next || !(joined(text, previous.phrase, next.phrase) || joined(text, next.phrase, previous.phrase))) break;
    if (listed.some((c) => c.category === next.category && c.subcategory === next.subcategory)) break;
    listed.push(next);
    rest = blank(rest, next.phrase);
    previous = next;
  }
  // In the order the question names them (the lexicon finds the longest phrase first).
  const at = (phrase: string) => text.search(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(phrase)}(?![\\p{L}\\p{N}])`, 'u'));
  const [firstListed, ...alsoCategories] = listed.length > 1 ? listed.sort((a, b) => at(a.phrase) - at(b.phrase)) : listed;

  const named = detectDimension(rest, { averagePerMonth: averageOf === 'month' });
  // A ranking of customers needs no customer named; with one named, "customer" is not a breakdown.
  const dimension = customerId ? (named === 'customer' ? undefined : named) : (named ?? (WHO_RANKS.test(rest) ? 'customer' : undefined));
  const channel = dimension === 'channel' ? undefined : findChannel(rest);
  if (channel === 'ATM') rest = blank(rest, ATM_WORDS);
  const country = dimension === 'country' ? undefined : findCountry(rest);
  if (country) rest = blank(rest, new RegExp(`\\b(in|from|within|inside)\\s+${country.name}\\b`, 'g'));
  const merchantText = MERCHANT_FILTERED.includes(metric) || detected === undefined ? findMerchantText(rest) : undefined;
  const alsoMerchants = merchantText ? findListedMerchants(rest, merchantText) : [];

  // "which customers will churn": naming customers says nothing about spend (issue #20: a ranking
  // by spend answered it); the other breakdowns and filters only make sense of money spent.
  if (metric === 'unknown' && (usableCategory || merchantText || (dimension && dimension !== 'customer') || channel || country)) metric = 'spend';
  const subject = subjectOf(metric, question);
  const docKind = metric === 'documents' ? documentKind(text) : undefined;
  const unreadTime = UNREAD_TIME.exec(rest)?.[0] ?? leftoverTimeWord(rest);
  // Spend guessed from "how much" alone, with nothing else read as a filter: a word left over may name another measure.
  const guessedSpend = detected === 'spend' && !SPEND_WORDS_STRICT.test(text) && !usableCategory && !merchantText && !dimension && !channel && !country;
  // No measure named at all, spend read from a filter alone ("should C-1 take out a mortgage"): what else it says may ask something else.
  const unnamed = detected === undefined && metric === 'spend' && !dimension && !channel;
  const unreadMeasure = guessedSpend || unnamed ? unreadMeasureWords(merchantText ? blank(rest, new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(merchantText.toLowerCase())}(?![\\p{L}\\p{N}])`, 'gu')) : rest) : [];
  const topN = findTopN(text) ?? (dimension && SINGLE_TOP.test(text) ? 1 : undefined);
  const both = metric === 'spend' || metric === 'income' || metric === 'net' ? SPEND_AND_INCOME.test(text) : false;
  const uncountable = metric === 'count' ? uncountableNoun(text) : undefined;

  return {
    metric: both ? 'net' : metric,
    explicitMetric: detected !== undefined,
    times,
    ...(dimension ? { dimension } : {}),
    ...(customerId ? { customerId } : {}),
    ...(accountId ? { accountId } : {}),
    ...(firstListed ? { category: firstListed } : {}),
    ...(merchantText ? { merchantText } : {}),
    ...(channel ? { channel } : {}),
    ...(country ? { country: country.code } : {}),
    ...(topN !== undefined ? { topN } : {}),
    ...(averageOf ? { averageOf } : {}),
    ...(averageMeasure ? { averageMeasure } : {}),
    ...(subject ? { subject } : {}),
    ...(docKind ? { documentKind: docKind } : {}),
    ...(unreadTime ? { unreadTime } : {}),
    ...(unreadMeasure.length > 0 ? { unreadMeasure } : {}),
    ...(both ? { parts: ['spend', 'income'] as const } : {}),
    ...(uncountable ? { uncountable } : {}),
    ...(alsoCategories.length > 0 ? { alsoCategories } : {}),
    ...(alsoMerchants.length > 0 ? { alsoMerchants } : {}),
    ...(corrections.length > 0 ? { corrections } : {}),
  };
}

/**
 * "streaming subscriptions", "fuel for transport": a subcategory named with its own category is
 * the subcategory (issue #20, sealed4: the category won, being the longer name, and the answer
 * was the whole of Subscriptions). Both words are the filter's; a list ("transport and fuel")
 * names two filters and is left to the list reading.
 */
function narrowest(rest: string, text: string, found: CategoryMatch | undefined): CategoryMatch | undefined {
  if (!found || found.subcategory) return found;
  const narrower = findCategory(blank(rest, found.phrase));
  if (!narrower?.subcategory || narrower.category !== found.category) return found;
  if (joined(text, found.phrase, narrower.phrase) || joined(text, narrower.phrase, found.phrase)) return found;
  return { ...narrower, parentPhrase: found.phrase };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "groceries and (on) dining", "fuel, parking": two names joined as a list, each its own filter. */
function joined(text: string, first: string, second: string): boolean {
  return new RegExp(`${escapeRegex(first)}\\s*(,|and|&|or|plus|as well as)\\s*(?:(?:on|for|in|at)\\s+)?(?:the\\s+)?${escapeRegex(second)}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

// Time words left over once every time expression the rules read is taken out: the question
// narrows its period in a way the planner did not read ("the first half of May").
const UNREAD_TIME = /\b(first|second|1st|2nd|last|other) half\b|\b(early|late|mid|middle of|beginning of|start of|end of|second week|first week|last week of|weekends?|weekdays?|mornings?|evenings?|nights?|ago)\b/;

// "biggest spending category", "number one merchant", "what did ... spend most (of their money) on".
const SINGLE_TOP = /\b(biggest|largest|main|highest|top|number one|no\.? ?1|#1)\s+(\w+\s+)?(category|subcategory|merchant|shop|store|city|country|channel|customer|client|spender)\b|\bspen[dt] (the )?most\b|\bmost of (their|his|her|my|the) money\b|\b(category|subcategory|merchant|city|country|channel|customer) (with|having) (the )?(highest|most|largest|biggest|greatest)\b/;
// Spend and income asked together: one cashflow figure set answers both parts.
// Either order, joined by "and", "vs", "against"... ("money in vs money out": both figures, issue #20).
const OUT_SIDE = '(spend|spent|spending|expenses|expenditures?|outgoings|outflows?|money out|money going out|went out)';
const IN_SIDE = '(earn|earned|earnings|income|received|money in|inflows?|came in|come in|(got|get) paid)';
const BOTH_JOIN = '(and|vs\\.?|versus|against|compared (to|with)|&)';
const SPEND_AND_INCOME = new RegExp(
  `\\b${OUT_SIDE}\\b.{0,40}\\b${BOTH_JOIN}\\s.{0,40}\\b${IN_SIDE}\\b|\\b${IN_SIDE}\\b.{0,40}\\b${BOTH_JOIN}\\s.{0,40}\\b${OUT_SIDE}\\b`,
);

const FOLLOW_UP = /^\s*(and|what about|how about|same|and what about|what of|now|then|also|ok(ay)?,?\s+(and|what about|now))\b/i;

/**
 * A follow-up ("and in April?", "what about groceries?", "same for C-000007") inherits what it
 * does not say from the previous question of the session. A question with its own metric and
 * no follow-up wording stands alone.
 */
export function followUp(current: QuestionIntent, previous: QuestionIntent | undefined, question: string): QuestionIntent {
  if (!previous || previous.metric === 'unknown') return current;
  const looksLikeFollowUp = FOLLOW_UP.test(question) || (!current.explicitMetric && question.trim().split(/\s+/).length <= 6);
  if (!looksLikeFollowUp) return current;
  // Spelling corrections belong to the words of the question that had them.
  const { corrections: _earlier, unreadMeasure: _unread, ...inherited } = previous;
  return {
    ...inherited,
    ...(current.corrections ? { corrections: current.corrections } : {}),
    metric: current.explicitMetric ? current.metric : previous.metric,
    explicitMetric: current.explicitMetric || previous.explicitMetric,
    times: current.times.length > 0 ? current.times : previous.times,
    ...(current.dimension ? { dimension: current.dimension } : {}),
    ...(current.customerId ? { customerId: current.customerId } : {}),
    ...(current.accountId ? { accountId: current.accountId } : {}),
    ...(current.category ? { category: current.category, alsoCategories: current.alsoCategories, merchantText: undefined } : {}),
    ...(current.merchantText ? { merchantText: current.merchantText, alsoMerchants: current.alsoMerchants, category: undefined } : {}),
    ...(current.channel ? { channel: current.channel } : {}),
    ...(current.country ? { country: current.country } : {}),
    ...(current.topN !== undefined ? { topN: current.topN } : {}),
    ...(current.averageOf ? { averageOf: current.averageOf } : {}),
    ...(current.averageMeasure ? { averageMeasure: current.averageMeasure } : {}),
  };
}
