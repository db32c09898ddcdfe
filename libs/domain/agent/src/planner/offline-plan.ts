import {
  divideMoney,
  filterPhrase,
  money,
  numbered,
  percentChangeText,
  plural,
  signed,
  subjectInSentence,
  subjectOf,
  subtractMoney,
  sumMoney,
  type FilterWords,
} from './answer-format.ts';
import { firstDay, lastDay, monthKey, monthLabel, monthOf, monthsBetween } from './calendar.ts';
import { clipToCoverage, monthCount, type Coverage } from './coverage.ts';
import { describeInterpretation, type Interpretation } from './interpretation.ts';
import { followUp, parseQuestion } from './parse-question.ts';
import { coverageSql, customerAccountsSql, largestSql, merchantLookupSql, totalsSql, type SqlFilters } from './planner-sql.ts';
import type { Dimension, QuestionIntent } from './question-intent.ts';
import { needsAnchor, resolveTimeSpec, invalidDays, type DayRange } from './time-range.ts';
import {
  accountRowSchema,
  anomalyRowSchema,
  balanceRowSchema,
  cashflowRowSchema,
  categoryRowSchema,
  coverageRowSchema,
  channelRowSchema,
  dataAsOfSchema,
  kpisSchema,
  largestRowSchema,
  locationRowSchema,
  merchantLookupRowSchema,
  merchantRowSchema,
  metricObject,
  metricRows,
  momRowSchema,
  periodRowSchema,
  PlannerFailure,
  recurringRowSchema,
  schemaRelations,
  searchDocuments,
  searchRowSchema,
  sqlRows,
  totalsRowSchema,
} from './tool-result-schemas.ts';
import { callKey, type PlannedCall, type ToolResult, type Turn } from './turn-results.ts';

export interface OfflinePlanOptions {
  /** "Today" for relative dates (YYYY-MM-DD); unset = the day of the latest transaction. */
  readonly today?: string;
  /** Currency of normalized_amount, named in every money figure. */
  readonly baseCurrency: string;
}

export type PlannerDecision =
  | { readonly kind: 'calls'; readonly calls: PlannedCall[] }
  /** `refused`: the answer says why there is no figure (the graph reports status refused). */
  | { readonly kind: 'answer'; readonly text: string; readonly refused?: boolean };

const FIGURE_METRICS: readonly QuestionIntent['metric'][] = [
  'spend', 'income', 'net', 'count', 'average', 'balance', 'top_merchants', 'largest', 'recurring', 'anomalies', 'month_over_month',
];

/** An answer that needs no (more) tools: a clarification, "not found", help, a refusal. */
class DirectAnswer extends Error {
  constructor(
    readonly text: string,
    readonly refused = false,
  ) {
    super(text);
  }
}

/** No figure: the question (or part of it) cannot be answered from the data, and why. */
const refuse = (text: string) => new DirectAnswer(text, true);

/** Hands out results of earlier rounds and collects the calls still missing. */
class Asker {
  readonly pending: PlannedCall[] = [];
  constructor(private readonly results: ReadonlyMap<string, ToolResult>) {}

  get(name: string, args: Record<string, unknown>): ToolResult | undefined {
    const call = { name, args: Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) };
    const result = this.results.get(callKey(call));
    if (!result && !this.pending.some((p) => callKey(p) === callKey(call))) this.pending.push(call);
    return result;
  }

  metric(metric: string, params: Record<string, unknown> = {}): ToolResult | undefined {
    return this.get('metrics', { metric, ...params });
  }
}

/** Filters after resolving names against the data. */
interface Filters extends FilterWords {
  readonly customerId?: string;
  readonly accountId?: string;
}

interface Context {
  readonly intent: QuestionIntent;
  readonly ask: Asker;
  readonly currency: string;
  readonly anchor: string | undefined;
  readonly filters: Filters;
  readonly ranges: readonly DayRange[];
  readonly question: string;
  /** Said with the answer (a clipped range, unknown values left out of a ranking). */
  readonly notes: string[];
}

const FILTER_FIELDS: ReadonlyArray<[keyof Filters, Interpretation['filters'][number]['field']]> = [
  ['customerId', 'customer'],
  ['accountId', 'account'],
  ['category', 'category'],
  ['subcategory', 'subcategory'],
  ['merchant', 'merchant'],
  ['channel', 'channel'],
  ['country', 'country'],
];

/**
 * Nothing silently dropped (issue #20): a filter the question names that the chosen metric does
 * not apply is a refusal naming it, never an answer for a wider set of rows.
 */
function requireApplied(ctx: Context, applied: ReadonlyArray<keyof Filters>, what: string): void {
  const dropped = FILTER_FIELDS.filter(([key]) => ctx.filters[key] !== undefined && !applied.includes(key)).map(([key, field]) => `${field} ${String(ctx.filters[key])}`);
  if (dropped.length > 0) {
    throw refuse(
      `I can't apply ${dropped.join(' and ')} to ${what}, and I won't answer for a wider set of transactions than you asked about. ` +
        `${describeInterpretation(interpretationOf(ctx))} Ask without that filter, or ask for a total (which applies every filter).`,
    );
  }
}

function interpretationOf(ctx: Context, extra: Partial<Interpretation> = {}): Interpretation {
  const filters = FILTER_FIELDS.flatMap(([key, field]) => (ctx.filters[key] ? [{ field, value: String(ctx.filters[key]) }] : []));
  const dimension = ctx.intent.dimension ?? (ctx.intent.metric === 'top_merchants' ? 'merchant' : undefined);
  return {
    measure: ctx.intent.metric === 'average' ? `average spend per ${ctx.intent.averageOf ?? 'transaction'}` : ctx.intent.metric,
    dimensions: dimension ? [dimension] : [],
    filters,
    time: ctx.ranges.map((r) => ({ from: r.from, to: r.to, label: r.label })),
    comparison: ctx.ranges.length >= 2 ? 'change' : 'none',
    notes: ctx.notes,
    ...extra,
  };
}

// "several questions in one": answering one part would look like the whole answer.
const MULTI_PART = /\?\s*\S.*\?|\band (how|what|which|who|when|where)\b/;
// The question asks for the change between two periods.
const ASKS_CHANGE = /\b(percent(age)?|%|change[ds]?|increase[ds]?|decrease[ds]?|grow|grew|growth|drop(ped)?|went (up|down)|rise|rose|fell|fall)\b/;

/**
 * The offline planner's decision for the current turn: more tool calls, or the answer. Pure:
 * the same conversation and tool results always give the same decision. Phases: context
 * (latest data day for relative dates, merchant names via the metrics search), then the metric
 * or SQL calls, then one sentence (or list) with the exact figures.
 */
export function planOffline(turn: Turn, options: OfflinePlanOptions): PlannerDecision {
  // A follow-up continues the latest question that computed something (not a schema lookup or
  // a refused request in between).
  let previous: QuestionIntent | undefined;
  for (const question of turn.earlier) {
    const intent = followUp(parseQuestion(question), previous, question);
    if (FIGURE_METRICS.includes(intent.metric)) previous = intent;
  }
  const intent = followUp(parseQuestion(turn.question), previous, turn.question);
  const ask = new Asker(turn.results);
  try {
    const text = answer(intent, ask, options, turn.question);
    return text === undefined ? { kind: 'calls', calls: ask.pending } : { kind: 'answer', text };
  } catch (error) {
    if (error instanceof DirectAnswer) return { kind: 'answer', text: error.text, ...(error.refused ? { refused: true } : {}) };
    if (error instanceof PlannerFailure) return { kind: 'answer', text: `I could not answer that: ${error.message}.`, refused: true };
    throw error;
  }
}

function answer(intent: QuestionIntent, ask: Asker, options: OfflinePlanOptions, question: string): string | undefined {
  if (intent.metric === 'unknown') throw refuse(helpText(question));
  if (MULTI_PART.test(question.trim().replace(/[?!.\s]+$/, ''))) {
    throw refuse('That is several questions in one; I answer one at a time, so that no part is left out silently. Please ask each part on its own.');
  }
  const bad = intent.times.flatMap(invalidDays);
  if (bad.length > 0) throw new DirectAnswer(`${bad.join(', ')} is not a calendar date; please give days as YYYY-MM-DD.`);

  const wantsAnchor = !options.today && (intent.metric === 'freshness' || intent.times.some(needsAnchor) || (intent.metric === 'month_over_month' && intent.times.length === 0));
  const asOf = wantsAnchor ? ask.metric('dataAsOf') : undefined;
  const merchant = intent.merchantText ? resolveMerchant(intent.merchantText, ask) : undefined;
  const categoryOf = intent.metric === 'category_of' ? ask.metric('search', { text: intent.subject ?? '', limit: 50 }) : undefined;
  const merchantPending = intent.merchantText !== undefined && (merchant === undefined || merchant === 'pending');
  const coverageResult = FIGURE_METRICS.includes(intent.metric) ? ask.get('sql', { query: coverageSql() }) : undefined;
  if ((wantsAnchor && !asOf) || merchantPending || (intent.metric === 'category_of' && !categoryOf)) return undefined;
  if (FIGURE_METRICS.includes(intent.metric) && !coverageResult) return undefined;

  let anchor = options.today;
  if (asOf) {
    const freshness = metricObject(asOf, dataAsOfSchema);
    if (intent.metric === 'freshness') return freshnessText(freshness);
    if (!freshness.latest_transaction_at) throw new DirectAnswer('There are no transactions in the analytics store yet, so there is nothing to compute.');
    anchor = freshness.latest_transaction_at.slice(0, 10);
  }
  if (categoryOf) return categoryOfText(intent.subject ?? '', categoryOf);

  const coverageRow = coverageResult ? sqlRows(coverageResult, coverageRowSchema)[0] : undefined;
  const coverage: Coverage | undefined = coverageRow?.first_day && coverageRow.last_day ? { firstDay: coverageRow.first_day, lastDay: coverageRow.last_day } : undefined;
  if (coverageResult && !coverage) throw refuse('There are no transactions in the analytics store yet, so there is nothing to compute.');
  let asked = intent.times.map((spec) => resolveTimeSpec(spec, anchor ?? '1970-01-01'));
  // "from March to April" in a question about the change: March vs April, not their sum.
  const only = asked[0];
  if (asked.length === 1 && only && ASKS_CHANGE.test(question.toLowerCase()) && isTwoWholeMonths(only)) {
    const firstMonth = monthOf(only.from);
    asked = [
      { from: only.from, to: lastDay(firstMonth), label: `in ${monthLabel(firstMonth)}` },
      { from: firstDay(monthOf(only.to)), to: only.to, label: `in ${monthLabel(monthOf(only.to))}` },
    ];
  }
  // A comparison is later minus earlier, however the question orders the two.
  if (asked.length >= 2) asked = [...asked].sort((a, b) => a.from.localeCompare(b.from));
  const notes: string[] = [];
  const ranges = asked.map((range) => {
    if (!coverage) return range;
    const clipped = clipToCoverage(range, coverage);
    if (clipped.kind === 'outside') throw refuse(`I have no figures for that: ${clipped.reason}.`);
    if (clipped.kind === 'clipped') notes.push(clipped.note);
    return clipped.range;
  });
  const resolved = merchant && merchant !== 'pending' ? merchant : undefined;
  const filters: Filters = {
    ...(intent.customerId ? { customerId: intent.customerId } : {}),
    ...(intent.accountId ? { accountId: intent.accountId } : {}),
    ...(resolved?.category ? { category: resolved.category } : intent.category ? { category: intent.category.category } : {}),
    ...(resolved?.category
      ? resolved.subcategory
        ? { subcategory: resolved.subcategory }
        : {}
      : intent.category?.subcategory
        ? { subcategory: intent.category.subcategory }
        : {}),
    ...(resolved?.merchant ? { merchant: resolved.merchant } : {}),
    ...(intent.channel ? { channel: intent.channel } : {}),
    ...(intent.country ? { country: intent.country } : {}),
  };
  const ctx: Context = { intent, ask, currency: options.baseCurrency, anchor, filters, ranges, question, notes };
  const text = answerFigures(ctx, question);
  if (text === undefined || !FIGURE_METRICS.includes(intent.metric)) return text;
  const ranked = RANKED.test(question.toLowerCase()) || intent.topN !== undefined || intent.metric === 'top_merchants';
  return `${text}\n${describeInterpretation(interpretationOf(ctx, ranked && intent.dimension ? { ranking: { top: intent.topN ?? 5, excludesUnknown: true } } : {}))}`;
}

// "which city", "the most": a ranking, where rows with no value are not a candidate.
const RANKED = /\b(which|what)\s+(city|cities|country|countries|state|states|categor(y|ies)|merchants?|channels?)\b|\bthe most\b|\bhighest\b/;

function isTwoWholeMonths(range: DayRange): boolean {
  return range.from.endsWith('-01') && range.to === lastDay(monthOf(range.to)) && monthCount(range.from, range.to) === 2;
}

function answerFigures(ctx: Context, question: string): string | undefined {
  const { intent, ranges } = ctx;

  switch (intent.metric) {
    case 'spend':
    case 'count':
    case 'income':
    case 'net':
    case 'average':
      if (ranges.length >= 2) return compareText(ctx);
      if (intent.dimension && intent.metric !== 'average') return breakdownText(ctx, intent.dimension);
      return totalText(ctx);
    case 'top_merchants':
      return breakdownText(ctx, 'merchant');
    case 'largest':
      return largestText(ctx);
    case 'balance':
      return balanceText(ctx);
    case 'recurring':
      return recurringText(ctx);
    case 'anomalies':
      return anomaliesText(ctx);
    case 'month_over_month':
      return monthOverMonthText(ctx);
    case 'schema':
      return schemaText(ctx);
    case 'documents':
      return documentsText(ctx);
    default:
      throw refuse(helpText(question));
  }
}

function helpText(question: string): string {
  return (
    `I could not tell what to compute from "${question.trim()}". I answer questions about the Ledgerline data, for example: ` +
    `"How much did customer C-000042 spend on groceries last month?", "Top 5 merchants of C-000007 in 2026", ` +
    `"What is the balance of account A-000042-1?", "Compare spending in March and April 2026", "Which subscriptions does C-000010 have?", ` +
    `"Show unusual transactions since January", "How fresh is the data?".`
  );
}

// ---------------------------------------------------------------------------------------------
// Context: merchants

interface ResolvedName {
  readonly merchant?: string;
  readonly category?: string;
  readonly subcategory?: string;
}

/**
 * A merchant (or category) name as the data spells it; 'pending' = a lookup was asked for.
 * First an exact lookup of the usual spellings (cheap), then the metrics search (substring),
 * then the nearest merchant document.
 */
function resolveMerchant(text: string, ask: Asker): ResolvedName | 'pending' | undefined {
  const lookup = ask.get('sql', { query: merchantLookupSql(text) });
  if (!lookup) return undefined;
  const spelled = sqlRows(lookup, merchantLookupRowSchema);
  if (spelled.length === 1) return { merchant: (spelled[0] as (typeof spelled)[number]).merchant };
  if (spelled.length > 1) {
    const options = spelled.slice(0, 8).map((m) => `${m.merchant} (${plural(m.transactions, 'transaction')})`);
    throw new DirectAnswer(`"${text}" matches several merchants: ${options.join(', ')}. Which one do you mean?`);
  }
  const found = ask.metric('search', { text, limit: 50 });
  if (!found) return undefined;
  const rows = metricRows(found, searchRowSchema);
  const wanted = text.trim().toLowerCase();
  const exact = (kind: string) => rows.find((r) => r.kind === kind && r.value.toLowerCase() === wanted);
  const merchant = exact('merchant');
  if (merchant) return { merchant: merchant.value };
  const subcategory = exact('subcategory');
  if (subcategory?.category) return { category: subcategory.category, subcategory: subcategory.value };
  const category = exact('category');
  if (category) return { category: category.value };
  const merchants = rows.filter((r) => r.kind === 'merchant');
  if (merchants.length === 1) return { merchant: (merchants[0] as (typeof merchants)[number]).value };
  if (merchants.length > 1) {
    const options = merchants.slice(0, 8).map((m) => `${m.value} (${plural(m.count, 'transaction')})`);
    throw new DirectAnswer(`"${text}" matches several merchants: ${options.join(', ')}. Which one do you mean?`);
  }
  if (rows.length > 0) {
    const options = rows.slice(0, 8).map((r) => `${r.value} (${r.kind})`);
    throw new DirectAnswer(`"${text}" is not a merchant name; it matches ${options.join(', ')}. Please name one of them.`);
  }
  // Not in the data verbatim: the closest merchant document, if the index has one close enough.
  const similar = ask.get('search', { query: text, k: 3, kind: 'merchant' });
  if (!similar) return 'pending';
  const top = similar.ok ? searchDocuments(similar)[0] : undefined;
  const name = top?.metadata.merchant;
  if (top && top.score >= 0.45 && typeof name === 'string') return { merchant: name };
  throw new DirectAnswer(`I found no merchant or category matching "${text}" in the data.`);
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Figures {
  readonly spend: string;
  readonly income: string;
  /** Counted rows of both directions. */
  readonly counted: number;
}

interface SqlFigures extends Figures {
  /** DEBIT rows behind `spend`. */
  readonly spendCount: number;
}

function rangeParams(range: DayRange | undefined): Record<string, string> {
  return range ? { from: range.from, to: range.to } : {};
}

function baseParams(filters: Filters, range: DayRange | undefined): Record<string, unknown> {
  return { customerId: filters.customerId, accountId: filters.accountId, category: filters.category, ...rangeParams(range) };
}

function sqlFilters(filters: Filters, range: DayRange | undefined): SqlFilters {
  return { ...filters, ...rangeParams(range) };
}

/** Needs SQL: a filter the metrics do not take, or two that no single metric combines. */
function needsSql(filters: Filters, need: 'spend' | 'all'): boolean {
  if (filters.merchant) return true;
  if (need === 'all') return Boolean(filters.subcategory || filters.channel || filters.country);
  const extra = [filters.subcategory, filters.channel, filters.country].filter(Boolean).length;
  return extra > 1;
}

function sqlTotals(ctx: Context, range: DayRange | undefined): SqlFigures | undefined {
  const result = ctx.ask.get('sql', { query: totalsSql(sqlFilters(ctx.filters, range)) });
  if (!result) return undefined;
  const row = sqlRows(result, totalsRowSchema)[0];
  if (!row) throw new PlannerFailure('the totals query returned no row');
  return { spend: row.spend, spendCount: row.spend_count, income: row.income, counted: row.counted };
}

/** Spend and its count (DEBIT rows) for the filters, through the fitting metric. */
function spendFigure(ctx: Context, range: DayRange | undefined): { spend: string; count: number } | undefined {
  const { filters, ask } = ctx;
  if (needsSql(filters, 'spend')) {
    const totals = sqlTotals(ctx, range);
    return totals && { spend: totals.spend, count: totals.spendCount };
  }
  const pick = <T extends { spend: string; count: number }>(rows: T[], match: (row: T) => boolean) => {
    const row = rows.find(match);
    return row ? { spend: row.spend, count: row.count } : { spend: '0.00', count: 0 };
  };
  if (filters.subcategory) {
    const result = ask.metric('spendByCategory', { ...baseParams(filters, range), level: 'subcategory' });
    return result && pick(metricRows(result, categoryRowSchema), (r) => r.subcategory === filters.subcategory);
  }
  if (filters.channel) {
    const result = ask.metric('spendByChannel', baseParams(filters, range));
    return result && pick(metricRows(result, channelRowSchema), (r) => r.channel === filters.channel);
  }
  if (filters.country) {
    const result = ask.metric('spendByLocation', { ...baseParams(filters, range), level: 'country' });
    return result && pick(metricRows(result, locationRowSchema), (r) => r.location === filters.country);
  }
  const result = ask.metric('spendByCategory', { ...baseParams(filters, range), level: 'category' });
  if (!result) return undefined;
  const rows = metricRows(result, categoryRowSchema);
  return { spend: sumMoney(rows.map((r) => r.spend)), count: rows.reduce((n, r) => n + r.count, 0) };
}

/** Spend, income and counted rows (both directions) for the filters: cashflow, else SQL. */
function allFigures(ctx: Context, range: DayRange | undefined): Figures | undefined {
  if (needsSql(ctx.filters, 'all')) return sqlTotals(ctx, range);
  const result = ctx.ask.metric('cashflow', baseParams(ctx.filters, range));
  if (!result) return undefined;
  const rows = metricRows(result, cashflowRowSchema);
  return {
    spend: sumMoney(rows.map((r) => r.spend)),
    income: sumMoney(rows.map((r) => r.income)),
    counted: rows.reduce((n, r) => n + r.count, 0),
  };
}

function periodText(range: DayRange | undefined): string {
  return range ? range.label : 'across all data';
}

// ---------------------------------------------------------------------------------------------
// Answers

function totalText(ctx: Context): string | undefined {
  const { intent, filters, currency } = ctx;
  const range = ctx.ranges[0];
  const who = subjectOf(filters);
  const what = filterPhrase(filters);
  const when = periodText(range);
  switch (intent.metric) {
    case 'spend': {
      const figure = spendFigure(ctx, range);
      return figure && `${who} spent ${money(figure.spend, currency)}${what} ${when} (${plural(figure.count, 'transaction')}).`;
    }
    case 'count': {
      const figures = allFigures(ctx, range);
      return figures && `${who} made ${plural(figures.counted, 'transaction')}${what} ${when} (counted transactions: transfers and reversed or declined ones excluded).`;
    }
    case 'income': {
      const figures = allFigures(ctx, range);
      return figures && `${who} received ${money(figures.income, currency)} of income${what} ${when}.`;
    }
    case 'net': {
      const figures = allFigures(ctx, range);
      if (!figures) return undefined;
      const net = subtractMoney(figures.income, figures.spend);
      return `${who} had a net cash flow of ${money(signed(net), currency)}${what} ${when}: income ${money(figures.income, currency)}, spend ${money(figures.spend, currency)}.`;
    }
    case 'average':
      return averageText(ctx, range);
    default:
      return undefined;
  }
}

function averageText(ctx: Context, range: DayRange | undefined): string | undefined {
  const { intent, filters, currency } = ctx;
  const who = subjectOf(filters);
  const what = filterPhrase(filters);
  const figure = spendFigure(ctx, range);
  if (intent.averageOf === 'month') {
    // Months of the period as clipped to the data (months with data), else of the whole data:
    // "average per month in 2026" over data ending in June divides by 6, not 12.
    let months = range ? monthsBetween(range.from, range.to).length : undefined;
    if (months === undefined) {
      const cashflow = ctx.ask.metric('cashflow', baseParams({ customerId: filters.customerId, accountId: filters.accountId }, undefined));
      if (!cashflow || !figure) return undefined;
      months = metricRows(cashflow, cashflowRowSchema).length;
    }
    if (!figure) return undefined;
    if (months === 0) return `${who} has no counted transactions${what} ${periodText(range)}, so there is no monthly average.`;
    return (
      `${who} spent on average ${money(divideMoney(figure.spend, months), currency)} per month${what} ${periodText(range)} ` +
      `(${money(figure.spend, currency)} over ${plural(months, 'month')}, ${plural(figure.count, 'transaction')}).`
    );
  }
  if (!figure) return undefined;
  if (figure.count === 0) return `${who} has no spending transactions${what} ${periodText(range)}, so there is no average.`;
  return (
    `${who}'s average spend per transaction${what} ${periodText(range)} was ${money(divideMoney(figure.spend, figure.count), currency)} ` +
    `(${money(figure.spend, currency)} over ${plural(figure.count, 'transaction')}).`
  );
}

function compareText(ctx: Context): string | undefined {
  const { intent, filters, currency, ranges } = ctx;
  const [first, second] = ranges as [DayRange, DayRange];
  const metric = intent.metric === 'income' || intent.metric === 'net' || intent.metric === 'count' ? intent.metric : 'spend';
  const value = (range: DayRange): { amount: string; count: number } | undefined => {
    if (metric === 'spend' || intent.metric === 'average') {
      const f = spendFigure(ctx, range);
      return f && { amount: f.spend, count: f.count };
    }
    const f = allFigures(ctx, range);
    if (!f) return undefined;
    if (metric === 'income') return { amount: f.income, count: f.counted };
    if (metric === 'net') return { amount: subtractMoney(f.income, f.spend), count: f.counted };
    return { amount: `${f.counted}.00`, count: f.counted };
  };
  const a = value(first);
  const b = value(second);
  if (!a || !b) return undefined;
  const who = subjectOf(filters);
  const what = filterPhrase(filters);
  if (metric === 'count') {
    return `${who} made ${plural(a.count, 'transaction')}${what} ${first.label} and ${plural(b.count, 'transaction')} ${second.label} (a change of ${signed(String(b.count - a.count))}).`;
  }
  const noun = metric === 'spend' ? 'spend' : metric === 'income' ? 'income' : 'net cash flow';
  const counts = metric === 'spend' ? [` (${plural(a.count, 'transaction')})`, ` (${plural(b.count, 'transaction')})`] : ['', ''];
  return (
    `${who}'s ${noun}${what}: ${money(a.amount, currency)} ${first.label}${counts[0]} vs ${money(b.amount, currency)} ${second.label}${counts[1]}; ` +
    `change ${money(signed(subtractMoney(b.amount, a.amount)), currency)} (${percentChangeText(b.amount, a.amount)}).`
  );
}

const DIMENSION_NOUN: Record<Dimension, [string, string]> = {
  category: ['category', 'categories'],
  subcategory: ['subcategory', 'subcategories'],
  merchant: ['merchant', 'merchants'],
  channel: ['channel', 'channels'],
  city: ['city', 'cities'],
  state: ['state', 'states'],
  country: ['country', 'countries'],
  month: ['month', 'months'],
  week: ['week', 'weeks'],
  day: ['day', 'days'],
};

interface Line {
  readonly label: string;
  readonly amount: string;
  readonly count?: number;
}

function breakdownLines(ctx: Context, dimension: Dimension, range: DayRange | undefined): Line[] | undefined {
  const { ask, filters, intent } = ctx;
  const params = baseParams(filters, range);
  const income = intent.metric === 'income' || intent.metric === 'net' || intent.metric === 'count';
  if (income && dimension === 'month') {
    const result = ask.metric('cashflow', params);
    if (!result) return undefined;
    return metricRows(result, cashflowRowSchema).map((r) => ({
      label: r.month,
      amount: intent.metric === 'income' ? r.income : intent.metric === 'net' ? signed(r.net) : `${r.count}`,
      ...(intent.metric === 'count' ? {} : { count: r.count }),
    }));
  }
  switch (dimension) {
    case 'category':
    case 'subcategory': {
      const result = ask.metric('spendByCategory', { ...params, level: dimension });
      if (!result) return undefined;
      return metricRows(result, categoryRowSchema)
        .filter((r) => !filters.subcategory || r.subcategory === filters.subcategory)
        .map((r) => ({ label: dimension === 'subcategory' ? `${r.subcategory ?? '(none)'} (${r.category})` : r.category, amount: r.spend, count: r.count }));
    }
    case 'merchant': {
      const result = ask.metric('topMerchants', { ...params, limit: intent.topN ?? (intent.metric === 'top_merchants' ? 5 : 10) });
      return result && metricRows(result, merchantRowSchema).map((r) => ({ label: r.merchant, amount: r.spend, count: r.count }));
    }
    case 'channel': {
      const result = ask.metric('spendByChannel', params);
      return result && metricRows(result, channelRowSchema).map((r) => ({ label: r.channel, amount: r.spend, count: r.count }));
    }
    case 'city':
    case 'state':
    case 'country': {
      const result = ask.metric('spendByLocation', { ...params, level: dimension });
      if (!result) return undefined;
      return metricRows(result, locationRowSchema).map((r) => ({
        label: dimension === 'country' ? (r.location ?? '(none)') : `${r.location ?? '(none)'}${r.country ? `, ${r.country}` : ''}`,
        amount: r.spend,
        count: r.count,
      }));
    }
    case 'month':
    case 'week':
    case 'day': {
      const result = ask.metric('spendByPeriod', { ...params, grain: dimension });
      if (!result) return undefined;
      return metricRows(result, periodRowSchema).map((r) => ({ label: dimension === 'month' ? r.period.slice(0, 7) : r.period, amount: r.spend }));
    }
  }
}

function breakdownText(ctx: Context, dimension: Dimension): string | undefined {
  const { intent, filters, currency } = ctx;
  const range = ctx.ranges[0];
  requireApplied(ctx, ['customerId', 'accountId', 'category', ...(dimension === 'subcategory' ? (['subcategory'] as const) : [])], `a breakdown by ${dimension}`);
  const all = breakdownLines(ctx, dimension, range);
  if (!all) return undefined;
  // A ranking ("which city", "top 3") ranks known values only; the rest is named, not ranked.
  const ranked = intent.topN !== undefined || intent.metric === 'top_merchants' || RANKED.test(ctx.question.toLowerCase());
  const unknown = ranked ? all.filter((l) => l.label.startsWith('(none)')) : [];
  const lines = ranked ? all.filter((l) => !l.label.startsWith('(none)')) : all;
  if (unknown.length > 0) {
    const n = unknown.reduce((sum, l) => sum + (l.count ?? 0), 0);
    ctx.notes.push(`${plural(n, 'transaction')} with no ${dimension} (${money(sumMoney(unknown.map((l) => l.amount)), currency)}) not ranked`);
  }
  const who = subjectOf(filters);
  const what = filterPhrase(filters);
  const when = periodText(range);
  const [one, many] = DIMENSION_NOUN[dimension];
  const isCount = intent.metric === 'count';
  const noun = intent.metric === 'income' ? 'income' : intent.metric === 'net' ? 'net cash flow' : isCount ? 'transactions' : 'spend';
  if (lines.length === 0) return `${who} has no ${noun}${what} ${when}.`;
  const item = (l: Line) => (isCount ? `${l.label}: ${l.amount}` : `${l.label} ${money(l.amount, currency)}${l.count !== undefined ? ` (${plural(l.count, 'transaction')})` : ''}`);
  if (intent.topN !== undefined || intent.metric === 'top_merchants') {
    const n = Math.min(intent.topN ?? 5, lines.length);
    return `Top ${n} ${n === 1 ? one : many} by ${noun} for ${subjectInSentence(filters)}${what} ${when}: ${numbered(lines.slice(0, n).map(item), n)}.`;
  }
  const total = isCount ? '' : `; total ${money(sumMoney(lines.map((l) => l.amount.replace(/^\+/, ''))), currency)}`;
  return `${capitalise(noun)} by ${one} for ${subjectInSentence(filters)}${what} ${when}: ${numbered(lines.map(item), 24)}${total}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function largestText(ctx: Context): string | undefined {
  const { intent, filters, currency } = ctx;
  const range = ctx.ranges[0];
  const n = intent.topN ?? 5;
  const result = ctx.ask.get('sql', { query: largestSql(sqlFilters(filters, range), n) });
  if (!result) return undefined;
  const rows = sqlRows(result, largestRowSchema);
  const who = subjectOf(filters);
  if (rows.length === 0) return `${who} has no spending transactions${filterPhrase(filters)} ${periodText(range)}.`;
  const items = rows.map((r) => `${money(r.amount, currency)}${r.merchant ? ` at ${r.merchant}` : ''} (${r.category}) on ${r.day}, ${r.tx_id}`);
  return `The ${rows.length === 1 ? 'largest purchase' : `${rows.length} largest purchases`} of ${subjectInSentence(filters)}${filterPhrase(filters)} ${periodText(range)}: ${numbered(items, n)}.`;
}

function balanceText(ctx: Context): string | undefined {
  const { filters, ask } = ctx;
  const range = ctx.ranges[0];
  requireApplied(ctx, ['customerId', 'accountId'], 'a balance');
  const day = range?.to;
  if (filters.accountId) {
    const result = ask.metric('balancesOverTime', { accountId: filters.accountId, ...(day ? { from: day, to: day } : {}) });
    if (!result) return undefined;
    const last = metricRows(result, balanceRowSchema).at(-1);
    if (!last) return `Account ${filters.accountId} has no balance history${day ? ` on ${day}` : ''}.`;
    return `Account ${filters.accountId} had a balance of ${money(last.balance, last.currency)} at the end of ${last.date}${day ? '' : ' (its latest day with transactions)'}.`;
  }
  if (!filters.customerId) throw new DirectAnswer('Whose balance? Name an account (e.g. A-000042-1) or a customer (e.g. C-000042).');
  const accountsResult = ask.get('sql', { query: customerAccountsSql(filters.customerId) });
  if (!accountsResult) return undefined;
  const accounts = sqlRows(accountsResult, accountRowSchema);
  if (accounts.length === 0) return `Customer ${filters.customerId} has no accounts in the data.`;
  if (!day) {
    const items = accounts.map((a) => `${a.account_id} (${a.account_type}) ${money(a.balance, a.currency)}`);
    return `Customer ${filters.customerId} has ${plural(accounts.length, 'account')} with these current balances: ${items.join('; ')}.`;
  }
  const histories = accounts.map((a) => ask.metric('balancesOverTime', { accountId: a.account_id, from: day, to: day }));
  if (histories.some((h) => !h)) return undefined;
  const items = accounts.map((a, i) => {
    const last = metricRows(histories[i] as ToolResult, balanceRowSchema).at(-1);
    return `${a.account_id} (${a.account_type}) ${last ? money(last.balance, last.currency) : 'no history'}`;
  });
  return `Balances of customer ${filters.customerId} at the end of ${day}: ${items.join('; ')}.`;
}

function recurringText(ctx: Context): string | undefined {
  const { intent, filters, currency } = ctx;
  const range = ctx.ranges[0];
  requireApplied(ctx, ['customerId', 'accountId', 'category', 'merchant'], 'recurring payments');
  const result = ctx.ask.metric('recurringPayments', { ...baseParams(filters, range), limit: intent.topN ?? 20 });
  if (!result) return undefined;
  const rows = metricRows(result, recurringRowSchema).filter((r) => !filters.merchant || r.merchant === filters.merchant);
  const who = subjectOf(filters);
  const what = filterPhrase(filters);
  if (rows.length === 0) return `${who} has no recurring payments${what} ${periodText(range)}.`;
  const items = rows.map(
    (r) => `${r.merchant} (${r.category}) typically ${money(r.typical_amount, currency)}, ${plural(r.payments, 'payment')} in ${plural(r.months_seen, 'month')}, total ${money(r.total, currency)}, last on ${r.last_date}`,
  );
  return `${who} has ${plural(rows.length, 'recurring payment')}${what} ${periodText(range)}: ${numbered(items, 20)}.`;
}

function anomaliesText(ctx: Context): string | undefined {
  const { intent, filters, currency } = ctx;
  const range = ctx.ranges[0];
  requireApplied(ctx, ['customerId', 'accountId', 'category'], 'unusual transactions');
  const result = ctx.ask.metric('anomalies', { ...baseParams(filters, range), limit: intent.topN ?? 10 });
  if (!result) return undefined;
  const rows = metricRows(result, anomalyRowSchema);
  const where = `${filterPhrase(filters)} ${periodText(range)}`;
  if (rows.length === 0) return `No unusual transactions for ${subjectInSentence(filters)}${where} (|z| >= 3 against the customer's other spend in the same category).`;
  const items = rows.map(
    (r) =>
      `${r.tx_id} on ${r.occurred_at.slice(0, 10)}: ${money(r.amount, currency)}${r.merchant ? ` at ${r.merchant}` : ''} (${r.category}${r.customer_id ? `, ${r.customer_id}` : ''}), z = ${r.z_score.toFixed(2)} vs a mean of ${money(r.mean, currency)}`,
  );
  return `${plural(rows.length, 'unusual transaction')} for ${subjectInSentence(filters)}${where} (|z| >= 3 against the customer's other spend in the same category): ${numbered(items, 10)}.`;
}

function monthOverMonthText(ctx: Context): string | undefined {
  const { intent, filters, currency, anchor } = ctx;
  const range = ctx.ranges[0];
  requireApplied(ctx, ['customerId', 'accountId', 'category'], 'a month-over-month comparison');
  // The month asked about: a whole month given, else the month the period ends in, else the latest.
  const ym = range ? (isWholeMonth(range) ? monthOf(range.from) : monthOf(range.to)) : anchor ? monthOf(anchor) : undefined;
  if (!ym) throw new DirectAnswer('Which month? For example: "month over month spending in March 2026".');
  const month = monthKey(ym);
  const params = { customerId: filters.customerId, accountId: filters.accountId, category: filters.category, month };
  const who = subjectOf(filters);
  const what = filterPhrase(filters);
  if (intent.dimension === 'category') {
    const result = ctx.ask.metric('monthOverMonth', params);
    if (!result) return undefined;
    const rows = metricRows(result, momRowSchema);
    if (rows.length === 0) return `${who} has no spending in ${monthLabel(ym)} or the month before.`;
    const items = rows.map((r) => `${r.category} ${money(r.spend, currency)} vs ${money(r.previous_spend, currency)} (${money(signed(r.change), currency)}${r.pct_change === null ? '' : `, ${signed(r.pct_change.toFixed(2))}%`})`);
    return `Spend by category for ${subjectInSentence(filters)}${what} in ${monthLabel(ym)} vs the month before: ${numbered(items, 20)}.`;
  }
  const result = ctx.ask.metric('kpis', params);
  if (!result) return undefined;
  const k = metricObject(result, kpisSchema);
  const pct = k.change.spend_pct === null ? 'n/a' : `${signed(k.change.spend_pct.toFixed(2))}%`;
  return (
    `${who} spent ${money(k.spend, currency)}${what} in ${monthLabel(ym)} vs ${money(k.previous.spend, currency)} in ${monthLabel(monthOf(`${k.previous.month}-01`))}: ` +
    `change ${money(signed(k.change.spend), currency)} (${pct}). Income ${money(k.income, currency)} vs ${money(k.previous.income, currency)}; ` +
    `${plural(k.count, 'counted transaction')} vs ${k.previous.count}.`
  );
}

function isWholeMonth(range: DayRange): boolean {
  return range.from.endsWith('-01') && range.to === lastDay(monthOf(range.from));
}

/** How an answer names where the metrics came from (AnalyticsStore dataAsOf().source). */
const SOURCE_NAMES: Record<string, string> = { marts: 'dbt marts', serving: 'serving tables (rollups of the raw tables)', raw: 'raw tables' };

function freshnessText(asOf: { last_sync_at: string | null; latest_transaction_at: string | null; source: string }): string {
  if (!asOf.latest_transaction_at) return 'The analytics store holds no transactions yet.';
  return (
    `The latest transaction in the data is from ${asOf.latest_transaction_at}` +
    (asOf.last_sync_at ? `; the data was last synced at ${asOf.last_sync_at}` : '; it has no sync record') +
    ` (metrics read the ${SOURCE_NAMES[asOf.source] ?? 'raw tables'}).`
  );
}

function categoryOfText(subject: string, result: ToolResult): string {
  const rows = metricRows(result, searchRowSchema);
  const wanted = subject.trim().toLowerCase();
  const merchant = rows.find((r) => r.kind === 'merchant' && r.value.toLowerCase() === wanted) ?? (rows.filter((r) => r.kind === 'merchant').length === 1 ? rows.find((r) => r.kind === 'merchant') : undefined);
  if (merchant) return `${merchant.value} is in category ${merchant.category ?? 'unknown'} (${plural(merchant.count, 'transaction')}).`;
  const sub = rows.find((r) => r.kind === 'subcategory' && r.value.toLowerCase() === wanted);
  if (sub) return `${sub.value} is a subcategory of ${sub.category ?? 'unknown'} (${plural(sub.count, 'transaction')}).`;
  const merchants = rows.filter((r) => r.kind === 'merchant');
  if (merchants.length > 1) return `"${subject}" matches several merchants: ${merchants.slice(0, 8).map((m) => `${m.value} (${m.category ?? 'unknown'})`).join(', ')}.`;
  return `I found no merchant named "${subject}" in the data.`;
}

function schemaText(ctx: Context): string | undefined {
  const subject = ctx.intent.subject;
  const result = ctx.ask.get('schema', subject ? { relation: subject } : {});
  if (!result) return undefined;
  const relations = schemaRelations(result);
  if (subject && relations[0]) {
    const r = relations[0];
    const columns = r.columns.map((c) => `${c.name} ${c.type}${c.description ? ` (${c.description})` : ''}`);
    return `${r.relation} (${r.kind}): ${(r.description ?? 'no description').replace(/\.$/, '')}. Columns: ${columns.join('; ')}.`;
  }
  const items = relations.map((r) => `${r.relation} (${plural(r.columns.length, 'column')})${r.description ? ` - ${r.description.replace(/\.$/, '')}` : ''}`);
  return `I can query ${plural(relations.length, 'relation')}: ${items.join('; ')}.`;
}

function documentsText(ctx: Context): string | undefined {
  const { intent, filters } = ctx;
  const range = ctx.ranges[0];
  const month = range && isWholeMonth(range) ? range.from.slice(0, 7) : undefined;
  const query = intent.subject && intent.subject.length > 0 ? intent.subject : 'transactions';
  const result = ctx.ask.get('search', {
    query,
    k: intent.topN ?? 5,
    kind: intent.documentKind,
    customerId: filters.customerId,
    accountId: filters.accountId,
    month,
  });
  if (!result) return undefined;
  const docs = searchDocuments(result);
  if (docs.length === 0) return `No indexed documents match "${query}".`;
  const items = docs.map((d) => `${d.title} (score ${d.score.toFixed(2)}): ${d.text.length > 220 ? `${d.text.slice(0, 217)}...` : d.text}`);
  return `Documents matching "${query}": ${numbered(items, 10)}`;
}
