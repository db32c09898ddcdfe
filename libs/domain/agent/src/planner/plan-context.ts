import { type FilterWords } from './answer-format.ts';
import { lastDay, monthOf } from './calendar.ts';
import { describeInterpretation, type Interpretation } from './interpretation.ts';
import type { QuestionIntent } from './question-intent.ts';
import { type DayRange } from './time-range.ts';
import { callKey, type PlannedCall, type ToolResult } from './turn-results.ts';

// The offline planner's shared state for one turn: the interpretation under way (intent,
// resolved filters, clipped ranges, notes), the tool results so far, and the rules that keep
// a filter from being dropped silently (issue #20).

export const FIGURE_METRICS: readonly QuestionIntent['metric'][] = [
  'spend', 'income', 'net', 'count', 'average', 'balance', 'top_merchants', 'largest', 'recurring', 'anomalies', 'month_over_month',
];

/** An answer that needs no (more) tools: a clarification, "not found", help, a refusal. */
export class DirectAnswer extends Error {
  constructor(
    readonly text: string,
    readonly refused = false,
  ) {
    super(text);
  }
}

/** No figure: the question (or part of it) cannot be answered from the data, and why. */
export const refuse = (text: string) => new DirectAnswer(text, true);

/** Hands out results of earlier rounds and collects the calls still missing. */
export class Asker {
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
export interface Filters extends FilterWords {
  readonly customerId?: string;
  readonly accountId?: string;
}

export interface Context {
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

export const FILTER_FIELDS: ReadonlyArray<[keyof Filters, Interpretation['filters'][number]['field']]> = [
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
export function requireApplied(ctx: Context, applied: ReadonlyArray<keyof Filters>, what: string): void {
  const dropped = FILTER_FIELDS.filter(([key]) => ctx.filters[key] !== undefined && !applied.includes(key)).map(([key, field]) => `${field} ${String(ctx.filters[key])}`);
  if (dropped.length > 0) {
    throw refuse(
      `I can't apply ${dropped.join(' and ')} to ${what}, and I won't answer for a wider set of transactions than you asked about. ` +
        `${describeInterpretation(interpretationOf(ctx))} Ask without that filter, or ask for a total (which applies every filter).`,
    );
  }
}

export function interpretationOf(ctx: Context, extra: Partial<Interpretation> = {}): Interpretation {
  const filters = FILTER_FIELDS.flatMap(([key, field]) => (ctx.filters[key] ? [{ field, value: String(ctx.filters[key]) }] : []));
  const dimension = ctx.intent.dimension ?? (ctx.intent.metric === 'top_merchants' ? 'merchant' : undefined);
  return {
    measure: ctx.intent.metric === 'average' ? `average ${ctx.intent.averageMeasure ?? 'spend'} per ${ctx.intent.averageOf ?? 'transaction'}` : ctx.intent.parts ? 'spend and income' : ctx.intent.metric,
    dimensions: dimension ? [dimension] : [],
    filters,
    time: ctx.ranges.map((r) => ({ from: r.from, to: r.to, label: r.label })),
    comparison: ctx.ranges.length >= 2 ? 'change' : 'none',
    notes: ctx.notes,
    ...extra,
  };
}

// "several questions in one": answering one part would look like the whole answer.
export const MULTI_PART = /\?\s*\S.*\?|\band (how|what|which|who|when|where)\b/;
// "spend in April and how much in May": the same question again for a second period, answered
// with both figures (and their change) rather than refused as two questions (issue #20, sealed4).
export const SAME_FOR_ANOTHER_PERIOD = /\band (how much|what) (in|during|for|over|about)\b/;
// A money figure and a count asked together ("income and the number of transactions"): the count
// alone, with the measure word read as a category, was the answer (issue #20, sealed4).
export const MEASURE_AND_COUNT =
  /\b(income|earnings|spend|spending|expenses|costs|outgoings)\s+(and|plus|as well as|with)\s+(the\s+|a\s+)?(number|count|total number|tally) of\b|\b(number|count) of (transactions|payments)\s+(and|plus|as well as|with)\s+(the\s+|their\s+)?(income|earnings|spend|spending|expenses)\b/;
// The question asks for the change between two periods.
export const ASKS_CHANGE = /\b(percent(age)?|%|change[ds]?|difference|differ(ed)?|increase[ds]?|decrease[ds]?|grow|grew|growth|drop(ped)?|went (up|down)|rise|rose|fell|fall|develop(ed|ment)?|evolve[ds]?|trend(ed)?|shift(ed)?|more or less|higher or lower|up or down)\b/;

// "which city", "the most": a ranking, where rows with no value are not a candidate.
export const RANKED = /\b(which|what)\s+(city|cities|country|countries|state|states|categor(y|ies)|merchants?|channels?|customers?|clients?)\b|\bthe most\b|\bhighest\b/;


export function isWholeMonth(range: DayRange): boolean {
  return range.from.endsWith('-01') && range.to === lastDay(monthOf(range.from));
}
