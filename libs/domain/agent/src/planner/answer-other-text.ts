import { filterPhrase, money, numbered, plural, signed, subjectInSentence, subjectOf } from './answer-format.ts';
import { monthKey, monthLabel, monthOf } from './calendar.ts';
import { accountBalanceSql, customerAccountsSql } from './planner-sql.ts';
import { accountRowSchema, anomalyRowSchema, balanceRowSchema, kpisSchema, metricObject, metricRows, momRowSchema, recurringRowSchema, schemaRelations, searchDocuments, searchRowSchema, sqlRows } from './tool-result-schemas.ts';
import { type ToolResult } from './turn-results.ts';
import { isWholeMonth, requireApplied, DirectAnswer, type Context } from './plan-context.ts';
import { baseParams, periodText } from './plan-figures.ts';

// Wording of balances, recurring payments, anomalies, month over month, freshness, category
// lookups, schema and documents.

export function balanceText(ctx: Context): string | undefined {
  const { filters, ask } = ctx;
  const range = ctx.ranges[0];
  requireApplied(ctx, ['customerId', 'accountId'], 'a balance');
  const day = range?.to;
  if (filters.accountId && !day) {
    // The current balance is the account's own figure, not the last row of its history: the
    // history is a list the tool truncates at its row limit (issue #20, sealed2: an account with
    // 214 days was answered with its balance of day 200).
    const result = ask.get('sql', { query: accountBalanceSql(filters.accountId) });
    if (!result) return undefined;
    const account = sqlRows(result, accountRowSchema)[0];
    if (!account) return `Account ${filters.accountId} is not in the data.`;
    return `Account ${filters.accountId} (${account.account_type}) has a current balance of ${money(account.balance, account.currency)}.`;
  }
  if (filters.accountId) {
    const result = ask.metric('balancesOverTime', { accountId: filters.accountId, from: day, to: day });
    if (!result) return undefined;
    const last = metricRows(result, balanceRowSchema).at(-1);
    if (!last) return `Account ${filters.accountId} has no balance history on ${day}.`;
    return `Account ${filters.accountId} had a balance of ${money(last.balance, last.currency)} at the end of ${last.date}.`;
  }
  if (!filters.customerId) throw new DirectAnswer('Whose balance? Name an account (e.g. A-000042-1) or a customer (e.g. C-000042).');
  const accountsResult = ask.get('sql', { query: customerAccountsSql(filters.customerId) });
  if (!accountsResult) return undefined;
  const all = sqlRows(accountsResult, accountRowSchema);
  if (all.length === 0) return `Customer ${filters.customerId} has no accounts in the data.`;
  // "C-1's checking account": the accounts of that type only, and said so when there is none.
  const type = namedAccountType(ctx.question);
  const accounts = type ? all.filter((a) => a.account_type === type) : all;
  if (accounts.length === 0) return `Customer ${filters.customerId} has no ${type} account in the data (accounts: ${all.map((a) => `${a.account_id} ${a.account_type}`).join('; ')}).`;
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

export function recurringText(ctx: Context): string | undefined {
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

export function anomaliesText(ctx: Context): string | undefined {
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

export function monthOverMonthText(ctx: Context): string | undefined {
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

/** How an answer names where the metrics came from (AnalyticsStore dataAsOf().source). */
export const SOURCE_NAMES: Record<string, string> = { marts: 'dbt marts', serving: 'serving tables (rollups of the raw tables)', raw: 'raw tables' };

export function freshnessText(asOf: { last_sync_at: string | null; latest_transaction_at: string | null; source: string }): string {
  if (!asOf.latest_transaction_at) return 'The analytics store holds no transactions yet.';
  return (
    `The latest transaction in the data is from ${asOf.latest_transaction_at}` +
    (asOf.last_sync_at ? `; the data was last synced at ${asOf.last_sync_at}` : '; it has no sync record') +
    ` (metrics read the ${SOURCE_NAMES[asOf.source] ?? 'raw tables'}).`
  );
}

export function categoryOfText(subject: string, result: ToolResult): string {
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

export function schemaText(ctx: Context): string | undefined {
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

export function documentsText(ctx: Context): string | undefined {
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

const ACCOUNT_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/\b(checking|current|cheque|everyday) accounts?\b/, 'CHECKING'],
  [/\bsavings? accounts?\b/, 'SAVINGS'],
  [/\bcredit[- ]card( accounts?)?\b/, 'CREDIT_CARD'],
];

/** The account type a question names ("checking account"), if exactly one. */
function namedAccountType(question: string): string | undefined {
  const named = ACCOUNT_TYPES.filter(([pattern]) => pattern.test(question.toLowerCase())).map(([, type]) => type);
  return named.length === 1 ? named[0] : undefined;
}
