import { firstDay, lastDay, monthLabel, monthOf } from './calendar.ts';
import { clipToCoverage, monthCount, type Coverage } from './coverage.ts';
import { describeInterpretation } from './interpretation.ts';
import { isMarketQuestion } from './market/market-question.ts';
import { planMarket } from './market/plan-market.ts';
import { followUp, parseQuestion } from './parse-question.ts';
import { coverageSql } from './planner-sql.ts';
import type { QuestionIntent } from './question-intent.ts';
import { needsAnchor, resolveTimeSpec, invalidDays, type DayRange } from './time-range.ts';
import { coverageRowSchema, dataAsOfSchema, metricObject, PlannerFailure, sqlRows } from './tool-result-schemas.ts';
import { type PlannedCall, type Turn } from './turn-results.ts';
import { ASKS_CHANGE, FIGURE_METRICS, MEASURE_AND_COUNT, MULTI_PART, refuse, SAME_FOR_ANOTHER_PERIOD, RANKED, DirectAnswer, Asker, type Context, type Filters, interpretationOf } from './plan-context.ts';
import { resolveMerchant } from './plan-figures.ts';
import { breakdownText, compareText, largestText, totalText } from './answer-figures-text.ts';
import { anomaliesText, balanceText, categoryOfText, documentsText, freshnessText, monthOverMonthText, recurringText, schemaText } from './answer-other-text.ts';

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
    // Market questions (issue #18) have their own branch and tool; the rest is the banking data.
    const text = isMarketQuestion(turn.question) ? planMarket(turn.question, ask, options.today) : answerEach(intent, ask, options, turn.question);
    return text === undefined ? { kind: 'calls', calls: ask.pending } : { kind: 'answer', text };
  } catch (error) {
    if (error instanceof DirectAnswer) return { kind: 'answer', text: error.text, ...(error.refused ? { refused: true } : {}) };
    if (error instanceof PlannerFailure) return { kind: 'answer', text: `I could not answer that: ${error.message}.`, refused: true };
    throw error;
  }
}

/**
 * Several categories or merchants named as a list ("groceries and dining", "at LIDL and at ALDI"):
 * each is answered on its own, in the order named (issue #20: only the first was answered, the
 * second silently dropped).
 */
function answerEach(intent: QuestionIntent, ask: Asker, options: OfflinePlanOptions, question: string): string | undefined {
  const { alsoCategories, alsoMerchants, ...single } = intent;
  if (alsoCategories && alsoMerchants) throw refuse('That names several categories and several merchants; please ask about one list at a time, so that no combination is left out.');
  const parts: QuestionIntent[] =
    alsoCategories && intent.category
      ? [intent.category, ...alsoCategories].map((category) => ({ ...single, category }))
      : alsoMerchants && intent.merchantText
        ? [intent.merchantText, ...alsoMerchants].map((merchantText) => ({ ...single, merchantText }))
        : [intent];
  const texts = parts.map((part) => answer(part, ask, options, question));
  return texts.every((t) => t !== undefined) ? texts.join('\n') : undefined;
}

function answer(intent: QuestionIntent, ask: Asker, options: OfflinePlanOptions, question: string): string | undefined {
  if (intent.metric === 'unknown') throw refuse(helpText(question));
  if (intent.metric === 'count' && intent.uncountable) {
    throw refuse(
      `I count transactions only, and "${intent.uncountable}" are not something the data records, so I have no figure for that. ` +
        `I understood: a count${intent.customerId ? ` · customer ${intent.customerId}` : ''}${intent.accountId ? ` · account ${intent.accountId}` : ''}.`,
    );
  }
  const lower = question.trim().toLowerCase().replace(/[?!.\s]+$/, '');
  if (intent.metric === 'count' && MEASURE_AND_COUNT.test(lower)) {
    throw refuse(
      'That asks for a money figure and a count together; I answer one at a time, so that no part is left out silently. ' +
        `I understood: a count and an amount${intent.customerId ? ` · customer ${intent.customerId}` : ''}. Please ask for each on its own.`,
    );
  }
  const samePartAgain = intent.times.length === 2 && SAME_FOR_ANOTHER_PERIOD.test(lower) && (lower.match(/\band (how|what)\b/g) ?? []).length === 1;
  if (!intent.parts && !samePartAgain && MULTI_PART.test(lower)) {
    throw refuse('That is several questions in one; I answer one at a time, so that no part is left out silently. Please ask each part on its own.');
  }
  if (intent.unreadTime && FIGURE_METRICS.includes(intent.metric)) {
    throw refuse(
      `I could not read "${intent.unreadTime}" as a period, and I won't answer for a different period than you asked about. ` +
        `I understood: ${intent.metric.replace(/_/g, ' ')}${intent.customerId ? ` · customer ${intent.customerId}` : ''}${intent.accountId ? ` · account ${intent.accountId}` : ''}. ` +
        'Please give the period as days (2026-05-01 to 2026-05-15), a month, a quarter or a year.',
    );
  }
  if (intent.unreadMeasure && !intent.parts) {
    throw refuse(
      `I could not tell which figure "${intent.unreadMeasure.join(' ')}" asks for (spend, income, net or a balance), and I won't guess. ` +
        `I understood: an amount${intent.customerId ? ` · customer ${intent.customerId}` : ''}${intent.accountId ? ` · account ${intent.accountId}` : ''}. ` +
        'Please name it: spent, earned, net or balance.',
    );
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
  const notes: string[] = (intent.corrections ?? []).map((c) => `read "${c.from}" as "${c.to}"`);
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

