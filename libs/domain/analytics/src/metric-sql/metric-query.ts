import { EXCLUDED_STATUSES, EXCLUDED_TXN_TYPES } from '../metrics/metric-definitions.ts';
import type { MetricFilters } from '../metrics/metric-filters.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { SourceFlags, TransactionSource } from './transaction-source.ts';

/** A row as a database driver returns it; decoders validate every value they use. */
export type DbRow = Record<string, unknown>;
export type SqlParam = string | number;

/** One statement with positional `$n` parameters and the function that turns its rows into port rows. */
export interface MetricQuery<T> {
  readonly sql: string;
  readonly params: readonly SqlParam[];
  decode(rows: readonly DbRow[]): T;
}

export interface MetricSqlContext {
  readonly dialect: SqlDialect;
  readonly source: TransactionSource;
}

/** Collects bind values and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: SqlParam[] = [];

  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// The metric definitions (metric-definitions.ts) in SQL, over the canonical source columns.
const quotedList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const excludedStatuses = quotedList(EXCLUDED_STATUSES);

/**
 * The counted-row condition (not a transfer, not a trade, moved money) over columns qualified
 * by `prefix` (e.g. `t.`): the one spelling every SQL surface uses - the metrics, the agent's
 * planner and its summary documents - so the definition changes in one place.
 */
export function countedSql(prefix = ''): string {
  return `(${prefix}txn_type NOT IN (${quotedList(EXCLUDED_TXN_TYPES)}) AND ${prefix}status NOT IN (${excludedStatuses}))`;
}
const COUNTED_SQL = countedSql();
/** The metric definitions as SQL over the canonical columns (e.g. to precompute flags). */
export const METRIC_DEFINITIONS_SQL: SourceFlags = {
  counted: COUNTED_SQL,
  spend: `(direction = 'DEBIT' AND ${COUNTED_SQL})`,
  income: `(direction = 'CREDIT' AND ${COUNTED_SQL})`,
  movesBalance: `(status NOT IN (${excludedStatuses}))`,
};

/** The definitions as SQL on this source: its precomputed flags when it has them. */
export function definitionsSql(ctx: MetricSqlContext): SourceFlags {
  return ctx.source.flags ?? METRIC_DEFINITIONS_SQL;
}

/** A money aggregate as text with two decimals on both backends ("0.00" when empty). */
export function moneyText(expression: string): string {
  return `CAST(CAST(coalesce(${expression}, 0) AS DECIMAL(38,2)) AS VARCHAR)`;
}

/** Start of the UTC day as a bindable ISO timestamp. */
export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The day after `day` (YYYY-MM-DD), for exclusive upper bounds. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * WHERE conditions for the common filters (joined with AND; 'TRUE' when none). Dates compare
 * occurred_at with UTC day bounds rather than computing each row's day, so DuckDB can skip row
 * groups by their min/max and Postgres can use its occurred_at index.
 */
export function filterConditions(ctx: MetricSqlContext, filters: MetricFilters, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filters.customerId !== undefined) conditions.push(ctx.source.customerCondition(params.add(filters.customerId)));
  if (filters.accountId !== undefined) conditions.push(`account_id = ${params.add(filters.accountId)}`);
  if (filters.category !== undefined) conditions.push(`category = ${params.add(filters.category)}`);
  if (filters.from !== undefined) conditions.push(`occurred_at >= ${ctx.dialect.timestamptz(params.add(dayStart(filters.from)))}`);
  if (filters.to !== undefined) conditions.push(`occurred_at < ${ctx.dialect.timestamptz(params.add(dayStart(nextDay(filters.to))))}`);
  return conditions;
}

/** `WHERE a AND b` (or nothing). */
export function where(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** The transactions subquery as `t`, with customer_id only when the metric outputs or groups by it. */
export function transactionsFrom(ctx: MetricSqlContext, needsCustomer = false): string {
  return `${ctx.source.transactions({ withCustomer: needsCustomer })} AS t`;
}

/** A string column value; throws on anything else (so a schema mismatch fails loudly). */
export function text(row: DbRow, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`column ${column}: expected text, got ${typeof value} ${String(value)}`);
  return value;
}

export function nullableText(row: DbRow, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : text(row, column);
}

/** An exact integer column (BIGINT/HUGEINT/NUMERIC as bigint, number or text) as bigint. */
export function integer(row: DbRow, column: string): bigint {
  const value = row[column];
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`column ${column}: expected an integer, got ${typeof value} ${String(value)}`);
}

export function float(row: DbRow, column: string): number {
  const value = row[column];
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new TypeError(`column ${column}: expected a number, got ${String(value)}`);
  return n;
}

/** Microseconds since the epoch (bigint, number or text) as ISO-8601 UTC with milliseconds. */
export function isoFromMicros(row: DbRow, column: string): string {
  const value = row[column];
  const micros = typeof value === 'bigint' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : undefined;
  if (micros === undefined) throw new TypeError(`column ${column}: expected epoch microseconds, got ${String(value)}`);
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return new Date(Number(millis)).toISOString();
}
