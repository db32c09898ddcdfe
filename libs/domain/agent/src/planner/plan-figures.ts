import { plural, signed, sumMoney } from './answer-format.ts';
import { merchantLookupSql, spendByCustomerSql, totalsSql, type SqlFilters } from './planner-sql.ts';
import type { Dimension } from './question-intent.ts';
import { type DayRange } from './time-range.ts';
import { cashflowRowSchema, categoryRowSchema, customerSpendRowSchema, channelRowSchema, locationRowSchema, merchantLookupRowSchema, merchantRowSchema, metricRows, periodRowSchema, PlannerFailure, searchDocuments, searchRowSchema, sqlRows, totalsRowSchema } from './tool-result-schemas.ts';
import { DirectAnswer, Asker, refuse, type Context, type Filters } from './plan-context.ts';

// From interpretation to tool calls: which metric or SQL answers a filter set, merchant names
// resolved against the data, and the figures read back from the results.

export interface ResolvedName {
  readonly merchant?: string;
  readonly category?: string;
  readonly subcategory?: string;
}

/**
 * A merchant (or category) name as the data spells it; 'pending' = a lookup was asked for.
 * First an exact lookup of the usual spellings (cheap), then the metrics search (substring),
 * then the nearest merchant document.
 */
export function resolveMerchant(text: string, ask: Asker): ResolvedName | 'pending' | undefined {
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
  // Nothing in the data has that name: no figure, and said as a refusal (issue #20: a word read as
  // a name that matches nothing, "likely to default", was reported as an answer).
  throw refuse(`I found no merchant or category matching "${text}" in the data, so I have no figure for that.`);
}

// ---------------------------------------------------------------------------------------------
// Figures

export interface Figures {
  readonly spend: string;
  readonly income: string;
  /** Counted rows of both directions. */
  readonly counted: number;
}

export interface SqlFigures extends Figures {
  /** DEBIT rows behind `spend`. */
  readonly spendCount: number;
}

export function rangeParams(range: DayRange | undefined): Record<string, string> {
  return range ? { from: range.from, to: range.to } : {};
}

export function baseParams(filters: Filters, range: DayRange | undefined): Record<string, unknown> {
  return { customerId: filters.customerId, accountId: filters.accountId, category: filters.category, ...rangeParams(range) };
}

export function sqlFilters(filters: Filters, range: DayRange | undefined): SqlFilters {
  return { ...filters, ...rangeParams(range) };
}

/** Needs SQL: a filter the metrics do not take, or two that no single metric combines. */
export function needsSql(filters: Filters, need: 'spend' | 'all'): boolean {
  if (filters.merchant) return true;
  if (need === 'all') return Boolean(filters.subcategory || filters.channel || filters.country);
  const extra = [filters.subcategory, filters.channel, filters.country].filter(Boolean).length;
  return extra > 1;
}

export function sqlTotals(ctx: Context, range: DayRange | undefined): SqlFigures | undefined {
  const result = ctx.ask.get('sql', { query: totalsSql(sqlFilters(ctx.filters, range)) });
  if (!result) return undefined;
  const row = sqlRows(result, totalsRowSchema)[0];
  if (!row) throw new PlannerFailure('the totals query returned no row');
  return { spend: row.spend, spendCount: row.spend_count, income: row.income, counted: row.counted };
}

/** Spend and its count (DEBIT rows) for the filters, through the fitting metric. */
export function spendFigure(ctx: Context, range: DayRange | undefined): { spend: string; count: number } | undefined {
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
export function allFigures(ctx: Context, range: DayRange | undefined): Figures | undefined {
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

export function periodText(range: DayRange | undefined): string {
  return range ? range.label : 'across all data';
}

export interface Line {
  readonly label: string;
  readonly amount: string;
  readonly count?: number;
}

export function breakdownLines(ctx: Context, dimension: Dimension, range: DayRange | undefined): Line[] | undefined {
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
    case 'customer': {
      // Only spend is ranked by customer; income or counts per customer are not answered as spend.
      if (intent.metric !== 'spend' && intent.metric !== 'top_merchants') throw refuse(`I rank customers by spend only, not by ${intent.metric}; ask which customer spent the most.`);
      const result = ask.get('sql', { query: spendByCustomerSql(sqlFilters(filters, range), intent.topN ?? 10) });
      return result && sqlRows(result, customerSpendRowSchema).map((r) => ({ label: r.customer, amount: r.spend, count: r.count }));
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

