import { countedSql, qualifiedFlags, qualifiedMeasureSql } from '@ledgerline/analytics';
import { addDays } from './calendar.ts';

/** Filters the planner's SQL understands (a superset of the metric filters). */
export interface SqlFilters {
  readonly customerId?: string;
  readonly accountId?: string;
  readonly category?: string;
  readonly subcategory?: string;
  readonly merchant?: string;
  readonly channel?: string;
  readonly country?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A SQL string literal (single quotes doubled). Values come from the data or validated ids. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// The metrics' own counted condition (no transfers, no trades, money that moved).
const COUNTED = countedSql('t.');
const money = (expression: string) => `CAST(CAST(coalesce(${expression}, 0) AS DECIMAL(18,2)) AS VARCHAR)`;

// The same definitions as the analytics metrics (metric-definitions.ts), written against the
// RAW contract: live rows only (NOT _deleted), customer via the account.
const FROM_LIVE = `FROM raw.transactions t
JOIN raw.accounts a ON a.account_id = t.account_id AND NOT a._deleted`;

function conditions(filters: SqlFilters): string[] {
  const out = ['NOT t._deleted'];
  if (filters.customerId) out.push(`a.customer_id = ${literal(filters.customerId)}`);
  if (filters.accountId) out.push(`t.account_id = ${literal(filters.accountId)}`);
  if (filters.category) out.push(`t.category = ${literal(filters.category)}`);
  if (filters.subcategory) out.push(`t.subcategory = ${literal(filters.subcategory)}`);
  if (filters.merchant) out.push(`t.merchant = ${literal(filters.merchant)}`);
  if (filters.channel) out.push(`t.channel = ${literal(filters.channel)}`);
  if (filters.country) out.push(`t.country = ${literal(filters.country)}`);
  if (filters.from) out.push(`t.occurred_at >= CAST(${literal(`${filters.from}T00:00:00Z`)} AS TIMESTAMPTZ)`);
  if (filters.to) out.push(`t.occurred_at < CAST(${literal(`${addDays(filters.to, 1)}T00:00:00Z`)} AS TIMESTAMPTZ)`);
  return out;
}

// The catalog's measures (SEMANTIC_CATALOG in @ledgerline/analytics), over this query's alias.
const FLAGS = qualifiedFlags('t');
const measure = (name: Parameters<typeof qualifiedMeasureSql>[0]) => qualifiedMeasureSql(name, 't');

/** Spend (counted DEBIT rows) and their count, income (counted CREDIT rows) and all counted rows: the catalog's measures. */
export function totalsSql(filters: SqlFilters): string {
  return `SELECT
  ${money(measure('spend'))} AS spend,
  CAST(count(*) FILTER (WHERE ${FLAGS.spend}) AS INTEGER) AS spend_count,
  ${money(measure('income'))} AS income,
  CAST(${measure('transactions')} AS INTEGER) AS counted
${FROM_LIVE}
WHERE ${[COUNTED, ...conditions(filters)].join('\n  AND ')}`;
}

/** The N largest spend rows. */
export function largestSql(filters: SqlFilters, limit: number): string {
  return `SELECT t.tx_id, strftime(timezone('UTC', t.occurred_at), '%Y-%m-%d') AS day, t.merchant, t.category,
  ${money('t.normalized_amount')} AS amount
${FROM_LIVE}
WHERE ${[`t.direction = 'DEBIT'`, COUNTED, ...conditions(filters)].join('\n  AND ')}
ORDER BY t.normalized_amount DESC, t.tx_id
LIMIT ${Math.max(1, Math.min(100, Math.trunc(limit)))}`;
}

/** Customers by spend (counted DEBIT rows), largest first (ties by id): a ranking of customers. */
export function spendByCustomerSql(filters: SqlFilters, limit: number): string {
  return `SELECT a.customer_id AS customer, ${money(measure('spend'))} AS spend,
  CAST(count(*) FILTER (WHERE ${FLAGS.spend}) AS INTEGER) AS count
${FROM_LIVE}
WHERE ${[COUNTED, ...conditions(filters)].join('\n  AND ')}
GROUP BY a.customer_id
HAVING count(*) FILTER (WHERE ${FLAGS.spend}) > 0
ORDER BY coalesce(${measure('spend')}, 0) DESC, a.customer_id
LIMIT ${Math.max(1, Math.min(100, Math.trunc(limit)))}`;
}

/** A customer's live accounts with their current balance. */
export function customerAccountsSql(customerId: string): string {
  return `SELECT a.account_id, a.account_type, a.currency, CAST(a.balance AS VARCHAR) AS balance
FROM raw.accounts a
WHERE NOT a._deleted AND a.customer_id = ${literal(customerId)}
ORDER BY a.account_id`;
}

/** One live account with its current balance (the catalog's "balance" without a day). */
export function accountBalanceSql(accountId: string): string {
  return `SELECT a.account_id, a.account_type, a.currency, CAST(a.balance AS VARCHAR) AS balance
FROM raw.accounts a
WHERE NOT a._deleted AND a.account_id = ${literal(accountId)}`;
}

/** "lidl" -> LIDL, Lidl, lidl: how merchant names are usually spelled in the data. */
export function spellings(text: string): string[] {
  const trimmed = text.trim();
  const title = trimmed.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => `${sep}${ch.toUpperCase()}`);
  return [...new Set([trimmed, trimmed.toUpperCase(), title, trimmed.toLowerCase()])];
}

/**
 * Merchants spelled like `text` (as typed, upper case, title case): an equality scan, much
 * cheaper on large data than the metrics search's substring match over three columns.
 */
export function merchantLookupSql(text: string): string {
  return `SELECT t.merchant, CAST(count(*) AS INTEGER) AS transactions
FROM raw.transactions t
WHERE NOT t._deleted AND t.merchant IN (${spellings(text).map(literal).join(', ')})
GROUP BY t.merchant
ORDER BY count(*) DESC, t.merchant`;
}

/** The first and last UTC day with a live transaction: what every time range is clipped to. */
export function coverageSql(): string {
  return `SELECT strftime(timezone('UTC', min(t.occurred_at)), '%Y-%m-%d') AS first_day,
  strftime(timezone('UTC', max(t.occurred_at)), '%Y-%m-%d') AS last_day
FROM raw.transactions t
WHERE NOT t._deleted`;
}
