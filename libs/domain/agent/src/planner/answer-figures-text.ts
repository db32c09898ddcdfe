import { divideMoney, filterPhrase, money, numbered, perMonthMoney, percentChangeText, plural, signed, subjectInSentence, subjectOf, subtractMoney, sumMoney } from './answer-format.ts';
import { monthsBetween } from './calendar.ts';
import { largestSql } from './planner-sql.ts';
import type { Dimension } from './question-intent.ts';
import { type DayRange } from './time-range.ts';
import { cashflowRowSchema, largestRowSchema, metricRows, sqlRows } from './tool-result-schemas.ts';
import { FILTER_FIELDS, refuse, requireApplied, RANKED, type Context } from './plan-context.ts';
import { allFigures, baseParams, breakdownLines, periodText, spendFigure, sqlFilters, type Line } from './plan-figures.ts';

// Wording of totals, averages, comparisons, breakdowns and the largest purchases.

export function totalText(ctx: Context): string | undefined {
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
      // Asked for both ("spend and earn"): the two figures first, the net after them.
      if (ctx.intent.parts) return `${who} spent ${money(figures.spend, currency)} and received ${money(figures.income, currency)} of income${what} ${when} (net ${money(signed(net), currency)}).`;
      return `${who} had a net cash flow of ${money(signed(net), currency)}${what} ${when}: income ${money(figures.income, currency)}, spend ${money(figures.spend, currency)}.`;
    }
    case 'average':
      return averageText(ctx, range);
    default:
      return undefined;
  }
}

/** Income or net per month: the same months rule as spend, from the cashflow figures. */
function incomeAverageText(ctx: Context, range: DayRange | undefined, measure: 'income' | 'net'): string | undefined {
  const { filters, currency } = ctx;
  const who = subjectOf(filters);
  const what = filterPhrase(filters);
  if (ctx.intent.averageOf !== 'month') {
    throw refuse(`I average ${measure === 'income' ? 'income' : 'the net cash flow'} per month, not per transaction; ask for the average per month or the total.`);
  }
  const figures = allFigures(ctx, range);
  const months = monthsOfAverage(ctx, range);
  if (!figures || months === undefined) return undefined;
  if (months === 0) return `${who} has no counted transactions${what} ${periodText(range)}, so there is no monthly average.`;
  const total = measure === 'income' ? figures.income : subtractMoney(figures.income, figures.spend);
  const average = perMonthMoney(total.replace(/^\+/, ''), months);
  const noun = measure === 'income' ? 'income' : 'net cash flow';
  return (
    `${who}'s average ${noun} per month${what} ${periodText(range)} was ${money(measure === 'net' ? signed(average) : average, currency)} ` +
    `(${money(measure === 'net' ? signed(total) : total, currency)} over ${plural(months, 'month')}).`
  );
}

/**
 * The months an average per month divides by: the months of the period as clipped to the data
 * (months with data), else the months the subject has data in. "average per month in 2026" over
 * data ending in June divides by 6, not 12.
 */
function monthsOfAverage(ctx: Context, range: DayRange | undefined): number | undefined {
  if (range) return monthsBetween(range.from, range.to).length;
  const { filters } = ctx;
  const cashflow = ctx.ask.metric('cashflow', baseParams({ customerId: filters.customerId, accountId: filters.accountId }, undefined));
  return cashflow && metricRows(cashflow, cashflowRowSchema).length;
}

export function averageText(ctx: Context, range: DayRange | undefined): string | undefined {
  const { intent, filters, currency } = ctx;
  if (intent.averageMeasure === 'income' || intent.averageMeasure === 'net') return incomeAverageText(ctx, range, intent.averageMeasure);
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
      `${who} spent on average ${money(perMonthMoney(figure.spend, months), currency)} per month${what} ${periodText(range)} ` +
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

export function compareText(ctx: Context): string | undefined {
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

export const DIMENSION_NOUN: Record<Dimension, [string, string]> = {
  category: ['category', 'categories'],
  subcategory: ['subcategory', 'subcategories'],
  merchant: ['merchant', 'merchants'],
  channel: ['channel', 'channels'],
  city: ['city', 'cities'],
  state: ['state', 'states'],
  country: ['country', 'countries'],
  customer: ['customer', 'customers'],
  month: ['month', 'months'],
  week: ['week', 'weeks'],
  day: ['day', 'days'],
};


export function breakdownText(ctx: Context, dimension: Dimension): string | undefined {
  const { intent, filters, currency } = ctx;
  const range = ctx.ranges[0];
  // Customers are ranked in SQL, which applies every filter; the metrics take these.
  const applied = dimension === 'customer' ? FILTER_FIELDS.map(([key]) => key) : (['customerId', 'accountId', 'category', ...(dimension === 'subcategory' ? (['subcategory'] as const) : [])] as const);
  requireApplied(ctx, applied, `a breakdown by ${dimension}`);
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

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function largestText(ctx: Context): string | undefined {
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

