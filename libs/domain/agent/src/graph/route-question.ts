import { isMarketQuestion } from '../planner/market/market-question.ts';

/** Why a question is not planned at all. */
export type RefusalReason = 'write_request' | 'out_of_scope' | 'unavailable_data';

export type RouteDecision =
  | { readonly kind: 'plan' }
  | { readonly kind: 'help'; readonly message: string }
  | { readonly kind: 'refuse'; readonly reason: RefusalReason; readonly message: string };

const POLITE_PREFIX =
  /^(?:(?:please|pls|kindly|ok(?:ay)?|hey|hi|now|then|just|go ahead and|can you|could you|would you|will you|i want you to|i'd like you to|i would like you to|i need you to|i want to|i'd like to|i would like to|i need to|help me|let me|let's|lets)[\s,]+)+/;

// Verbs that change data or move money; refused as the first word of a request.
const WRITE_VERBS = new Set([
  'delete', 'remove', 'drop', 'truncate', 'update', 'insert', 'alter', 'create', 'modify', 'change', 'edit', 'rename',
  'erase', 'wipe', 'purge', 'clear', 'reset', 'overwrite', 'cancel', 'transfer', 'send', 'pay', 'move', 'refund',
  'add', 'set', 'block', 'freeze', 'unfreeze', 'close', 'reverse', 'approve', 'decline', 'merge', 'upsert', 'grant',
  'revoke', 'replace', 'write', 'load', 'import', 'upload', 'dispute', 'void', 'correct', 'fix', 'recategorise',
  'recategorize', 'mark', 'flag', 'destroy',
]);
// Read phrasings that start with one of those verbs.
const READ_EXCEPTIONS = /^(add up|sum up|pay attention|change (in|of|between|from)|set of)\b/;
// A write statement anywhere (someone pasting SQL, or "I want to DELETE FROM ...").
const WRITE_SQL = /\b(drop|truncate|alter|create)\s+(table|schema|view|database|index)\b|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+[\w."]+\s+set\b|\bgrant\s+\w+\s+on\b/;
// "delete all transactions", "remove customer C-1" - a write verb with a data object.
const WRITE_OBJECT =
  /\b(delete|remove|drop|erase|wipe|purge|truncate|modify|edit|overwrite|alter|insert|update)\b.*\b(transactions?|customers?|accounts?|tables?|rows?|records?|data|database|entries|balances?|merchants?|categor(y|ies))\b/;

// Topics Ledgerline has no data about at all.
const UNAVAILABLE: ReadonlyArray<[RegExp, string]> = [
  [/\b(stock|share|equity)\s+(prices?|quotes?|market|performance|value)\b|\bstock market\b|\bnasdaq\b|\bdow jones\b|\bs&p\b|\bticker\b|\bshare price\b/, 'stock prices or markets'],
  [/\b(bitcoin|btc|ethereum|crypto(currency|currencies)?|dogecoin)\b/, 'cryptocurrency prices'],
  [/\b(credit score|credit rating|credit report|schufa)\b/, 'credit scores'],
  [/\b(live|current|today'?s|real[- ]time)\s+(exchange|fx|currency)\s+rates?\b/, 'live exchange rates (only the static reference rates used to normalise amounts)'],
  [/\b(interest|mortgage|loan)\s+rates?\b/, 'market interest or loan rates'],
  [/\b(portfolio|investments?|dividends?|holdings)\b/, 'investment portfolios'],
  // The data records what happened; it holds no forecasts, and the agent makes none (issue #20).
  [/\b(forecast\w*|predict\w*|projections?|projected)\b|\bwill\b.*\b(spend|earn|cost|pay|receive|go up|go down|increase|decrease|rise|fall)\b/, 'the future (forecasts or predictions): it records past transactions only'],
  // "estimate ... next quarter", "going to be", "expected ... next year": the future again.
  [/\b(estimat\w*|expect\w*|anticipat\w*)\b.*\bnext\b|\bgoing to (be|spend|earn|cost|pay|receive|rise|fall|increase|decrease)\b/, 'the future (forecasts or predictions): it records past transactions only'],
  // A period after the data ("next year", "next month") or a state in the future ("what will X's
  // salary be"): a forecast however it is worded (issue #20, sealed4: a salary next year answered
  // with the salary so far).
  [/\bnext\s+(week|month|quarter|year)\b|\bwill\b[^?]*\b(be|have|get|make|total|come to|amount to)\b/, 'the future (forecasts or predictions): it records past transactions only'],
  // Likelihoods and risk judgements are predictions too: the data holds no model of a person.
  [/\b(likely|unlikely|likelihood|probabilit(y|ies)|probably|chances? (of|that))\b|\b(default|defaults|defaulting) on\b|\bcredit ?worth\w*|\b(risk of|at risk)\b/, 'predictions or judgements about a person (likelihoods, credit risk): it records past transactions only'],
  [/\b(inflation|gdp|unemployment rate|recession)\b/, 'economic indicators'],
  // What someone owes is an obligation, not a transaction: no row of the data records it.
  [/\b(owe|owes|owed|owing)\b|\b(debts?|liabilit(y|ies))\b|\btax (returns?|due|bill|liabilit\w*|owed)\b/, 'what is owed (debts, taxes due): it records transactions, not obligations'],
  // Causes are not in the data: a figure would answer a different question than "why".
  [/^(why|how come)\b/, 'reasons (why something happened): it records what happened, not why'],
  [/\b(phone|telephone|mobile) (number|no\.?)s?\b|\bphone\b/, 'phone numbers'],
];

// Clearly unrelated subjects.
const OUT_OF_SCOPE: ReadonlyArray<[RegExp, string]> = [
  [/\b(weather|forecast|temperature|rain(ing)?|snow(ing)?|sunny|humidity)\b/, 'the weather'],
  [/\b(news|headlines?)\b/, 'the news'],
  [/\b(football|soccer|basketball|tennis|match score|who won|world cup|olympics)\b/, 'sports'],
  [/\b(recipe|cook|bake a)\b/, 'cooking'],
  [/\b(joke|poem|story|song|lyrics|haiku)\b/, 'creative writing'],
  [/\btranslate\b/, 'translation'],
  [/\b(capital of|president of|population of|meaning of life|horoscope|lottery numbers?)\b/, 'general knowledge'],
];

// Finance words that keep a question in scope even when it mentions an off-topic word
// ("spend on News & Magazines").
const FINANCE =
  /\b(spen[dt]|spending|income|earn\w*|salary|transactions?|balances?|accounts?|customers?|merchants?|categor(y|ies)|payments?|paid|purchases?|bought|subscriptions?|eur|c-\d+|a-\d+-\d+)\b/;

// Words that say the question is about our data (follow-ups without them need a session).
const IN_SCOPE =
  /\b(spen[dt]|spending|spend|income|earn|salary|transactions?|transfers?|balances?|accounts?|customers?|merchants?|categor(y|ies)|subcategor(y|ies)|payments?|paid|purchases?|bought|subscriptions?|recurring|anomal\w*|unusual|cash\s*flow|net|average|total|how much|how many|top|largest|biggest|eur|usd|gbp|mcc|statements?|summar(y|ies)|tables?|schema|columns?|sql|query|dbt|marts?|models?|data|fresh|sync(ed)?|latest|channels?|online|countr(y|ies)|cit(y|ies)|month|months|year|week|compare|versus|vs|breakdown|expenses?|groceries|dining|fees?|rent|c-\d+|a-\d+-\d+)\b/;

const GREETING = /^(hi|hello|hey|help|what can you do|who are you|\?)[\s!?.]*$/;

export const HELP_MESSAGE =
  'I answer read-only questions about the Ledgerline data: spend, income, net cash flow, transaction counts and averages, ' +
  'balances, top merchants, recurring payments and subscriptions, unusual transactions, by category, merchant, channel, ' +
  'location or month, for a customer (C-000042) or account (A-000042-1) and a period ("last month", "in March 2026", ' +
  '"between 2026-01-01 and 2026-03-31"). I show the query or documents behind every answer.';

/**
 * The graph's first node (architecture §4): refuses writes and questions about things the data
 * does not hold, before any model or tool runs, the same way with Gemini and offline. Lexical
 * rules that err on the side of refusing a write; `hasHistory` lets terse follow-ups through.
 */
export function routeQuestion(question: string, options: { hasHistory: boolean; market?: boolean } = { hasHistory: false }): RouteDecision {
  const text = question.trim().toLowerCase().replace(/[’]/g, "'");
  if (text === '' || GREETING.test(text)) return { kind: 'help', message: HELP_MESSAGE };

  const request = text.replace(POLITE_PREFIX, '');
  const firstWord = /^[a-z]+/.exec(request)?.[0] ?? '';
  if ((WRITE_VERBS.has(firstWord) && !READ_EXCEPTIONS.test(request)) || WRITE_SQL.test(text) || WRITE_OBJECT.test(request)) {
    return {
      kind: 'refuse',
      reason: 'write_request',
      message:
        "I can't do that: I have read-only access and never delete, change, create or move data or money. " +
        'I can answer questions about it instead, e.g. "How many transactions did C-000042 make last month?".',
    };
  }
  // With market data (the `market` tool), prices, indicators and news of assets are answered.
  if (options.market && isMarketQuestion(question) && !/\b(portfolio|investments?|dividends?|holdings|forecast\w*|predict\w*|will)\b/.test(text)) return { kind: 'plan' };
  for (const [pattern, what] of UNAVAILABLE) {
    if (pattern.test(text)) {
      return {
        kind: 'refuse',
        reason: 'unavailable_data',
        message: `I don't have data about ${what}: Ledgerline holds synthetic customers, accounts and their transactions only, so I can't answer that.`,
      };
    }
  }
  for (const [pattern, what] of OUT_OF_SCOPE) {
    if (pattern.test(text) && !FINANCE.test(text)) {
      return {
        kind: 'refuse',
        reason: 'out_of_scope',
        message: `That is outside what I can answer (${what}): I only answer questions about the Ledgerline transaction data.`,
      };
    }
  }
  if (!IN_SCOPE.test(text) && !options.hasHistory) {
    return {
      kind: 'refuse',
      reason: 'out_of_scope',
      message: `That does not look like a question about the Ledgerline data, so I won't guess. ${HELP_MESSAGE}`,
    };
  }
  return { kind: 'plan' };
}
