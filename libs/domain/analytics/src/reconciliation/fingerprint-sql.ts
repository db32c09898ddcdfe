import { decimalToMoney, toCount } from '../metrics/money-text.ts';
import { dayStart, nextDay, SqlParams, text, type DbRow, type MetricQuery } from '../metric-sql/metric-query.ts';
import type { SqlDialect } from '../metric-sql/sql-dialect.ts';
import { TRANSACTION_COLUMNS, type TransactionSource } from '../metric-sql/transaction-source.ts';
import type { DailyFingerprint, FingerprintRange, RowFingerprint } from './daily-fingerprint.port.ts';

// The canonical text of a transaction, identical on Postgres and DuckDB because every value is
// formatted explicitly: money as its decimal(15,2) text ("12.30"), occurred_at as epoch
// microseconds, booleans as t/f, NULL as \N (distinct from ''); fields joined by chr(31) (unit
// separator), rows by chr(30), in tx_id byte order. Only the domain columns count: bookkeeping
// (ingested_at, updated_at, _synced_at...) may differ legitimately between the two stores.
const MONEY_COLUMNS = new Set(['amount', 'normalized_amount']);

function fieldText(dialect: SqlDialect, column: (typeof TRANSACTION_COLUMNS)[number]): string {
  if (column === 'occurred_at') return `CAST(${dialect.epochMicros(column)} AS VARCHAR)`;
  if (column === 'is_recurring') return `CASE WHEN ${column} THEN 't' WHEN NOT ${column} THEN 'f' END`;
  if (MONEY_COLUMNS.has(column)) return `CAST(CAST(${column} AS DECIMAL(15,2)) AS VARCHAR)`;
  return `CAST(${column} AS VARCHAR)`;
}

/** The canonical row text of the current row of a transactions source. */
export function canonicalRowSql(dialect: SqlDialect): string {
  return TRANSACTION_COLUMNS.map((c) => `coalesce(${fieldText(dialect, c)}, '\\N')`).join(' || chr(31) || ');
}

function rangeConditions(dialect: SqlDialect, range: FingerprintRange, params: SqlParams): string {
  const conditions: string[] = [];
  if (range.from !== undefined) conditions.push(`occurred_at >= ${dialect.timestamptz(params.add(dayStart(range.from)))}`);
  if (range.to !== undefined) conditions.push(`occurred_at < ${dialect.timestamptz(params.add(dayStart(nextDay(range.to))))}`);
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** Per UTC day: count, sum(amount) and md5 of the canonical rows in tx_id order. */
export function dailyFingerprintQuery(dialect: SqlDialect, source: TransactionSource, range: FingerprintRange = {}): MetricQuery<DailyFingerprint[]> {
  const params = new SqlParams();
  const sql = `SELECT CAST(day AS VARCHAR) AS day, count(*) AS n, CAST(sum(amount) AS VARCHAR) AS sum_amount,
      ${dialect.md5Hex(dialect.stringAgg('row_text', 'chr(30)', dialect.binaryOrder('tx_id')))} AS hash
    FROM (
      SELECT day, tx_id, amount, ${canonicalRowSql(dialect)} AS row_text
      FROM ${source.transactions({ withCustomer: false })} AS t ${rangeConditions(dialect, range, params)}
    ) AS canonical
    GROUP BY day ORDER BY day`;
  return {
    sql,
    params: params.values,
    decode: (rows) => rows.map((r: DbRow) => ({ day: text(r, 'day'), count: toCount(r.n), sumAmount: decimalToMoney(r.sum_amount), hash: text(r, 'hash') })),
  };
}

/** md5 of each canonical row of one day, in tx_id byte order. */
export function rowFingerprintQuery(dialect: SqlDialect, source: TransactionSource, day: string): MetricQuery<RowFingerprint[]> {
  const params = new SqlParams();
  const sql = `SELECT tx_id, ${dialect.md5Hex(canonicalRowSql(dialect))} AS hash
    FROM ${source.transactions({ withCustomer: false })} AS t
    ${rangeConditions(dialect, { from: day, to: day }, params)}
    ORDER BY ${dialect.binaryOrder('tx_id')}`;
  return { sql, params: params.values, decode: (rows) => rows.map((r: DbRow) => ({ txId: text(r, 'tx_id'), hash: text(r, 'hash') })) };
}
