import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildMetricQuery,
  dailyFingerprintQuery,
  martsSource,
  METRIC_NAMES,
  rowFingerprintQuery,
  servingSource,
  tableSource,
  type MetricName,
  type SqlDialect,
  type TransactionSource,
} from '@ledgerline/analytics';
import { DUCKDB_DIALECT } from '@ledgerline/duckdb';
import { POSTGRES_DIALECT } from '@ledgerline/postgres';

// The shared metric SQL is written once for several engines through SqlDialect hooks. Adding an
// engine (Trino) must not change one byte of what DuckDB and PostgreSQL run: their contract suites
// and benchmarks were measured on exactly this SQL. The hashes below were taken before the Trino
// hooks existed; a change to the metric SQL that is meant updates them (and says why).
// 2026-12-07: the transaction sources select the trade fields too (asset_symbol, quantity,
// unit_price, fee joined the one transaction schema, 955eae3); no metric reads them, and the
// metric SQL itself (libs/domain/analytics/src/metric-sql) did not change.
// 2026-12-07 (issue #18): a meant change of the definitions - the counted condition is
// `txn_type NOT IN ('TRANSFER', 'TRADE')` instead of `txn_type <> 'TRANSFER'`: an investment
// trade is neither spend nor income (docs/analytics.md). Nothing else in the SQL changed; the
// DuckDB RAW and serving contract suites passed on it with trades in the contract dataset.
const GOLDEN: Record<'duckdb' | 'postgres', string> = {
  duckdb: 'f015c93f22cd7547a1346bd89271d64faaf6ffcc1b4e9b9b0fc2abd36c842023',
  postgres: '8e201f46daba76403f8727a6c9526611790e55c6b0a2393f2c0b10e8e7e72432',
};

const FILTERS = [{}, { customerId: 'C-1', accountId: 'A-1', category: 'Groceries', from: '2026-01-05', to: '2026-02-10' }] as const;
const PARAMS: Record<MetricName, ReadonlyArray<Record<string, unknown>>> = {
  spendByPeriod: [{ grain: 'day' }, { grain: 'week', ...FILTERS[1] }, { grain: 'month' }],
  spendByCategory: [{}, { level: 'subcategory', ...FILTERS[1] }],
  spendByCategoryOverTime: [{ grain: 'week' }, { grain: 'month', ...FILTERS[1] }],
  topMerchants: [{}, { limit: 3, ...FILTERS[1] }],
  spendByChannel: [...FILTERS],
  spendByLocation: [{ level: 'city' }, { level: 'country', ...FILTERS[1] }],
  cashflow: [...FILTERS],
  recurringPayments: [{}, { category: 'Utilities' }, FILTERS[1]],
  balancesOverTime: [{ accountId: 'A-1' }, { accountId: 'A-1', from: '2026-01-01', to: '2026-01-31' }],
  anomalies: [{}, { limit: 2, ...FILTERS[1] }],
  monthOverMonth: [{ month: '2026-02' }, { month: '2026-02', customerId: 'C-1', category: 'Groceries' }],
  search: [{ text: 'gro' }, { text: 'an', accountId: 'A-1' }],
  kpis: [{ month: '2026-02' }, { month: '2026-03', customerId: 'C-1' }],
};

function sources(dialect: SqlDialect): TransactionSource[] {
  const raw = tableSource('raw', { transactions: 'raw.transactions', accounts: 'raw.accounts', tombstones: true, dialect });
  const operational = tableSource('postgres', { transactions: 'transactions', accounts: 'accounts', tombstones: false, dialect });
  const marts = martsSource({ fact: 'marts.fct_transactions', accounts: 'marts.dim_account' });
  const rollups = { daily_category: 'serving.daily_category', daily_merchant: 'serving.daily_merchant', daily_location: 'serving.daily_location' };
  const serving = servingSource({ fact: 'serving.fact', accounts: 'serving.accounts', rollups, recurring: 'serving.recurring', recurringSummary: 'serving.recurring_summary', anomalies: 'serving.anomalies' });
  return [raw, operational, marts, serving];
}

/** Every metric's SQL and bind values over every source, plus the fingerprint SQL, in one text. */
function allSql(dialect: SqlDialect): string {
  const parts: string[] = [];
  for (const source of sources(dialect)) {
    for (const name of METRIC_NAMES) {
      for (const params of PARAMS[name]) {
        const query = buildMetricQuery({ dialect, source }, name, params as never);
        parts.push(query.sql, JSON.stringify(query.params));
      }
    }
    parts.push(dailyFingerprintQuery(dialect, source, { from: '2026-01-01', to: '2026-01-31' }).sql, rowFingerprintQuery(dialect, source, '2026-01-02').sql);
  }
  return parts.join('\n--\n');
}

describe('metric SQL of the DuckDB and PostgreSQL dialects', () => {
  for (const dialect of [DUCKDB_DIALECT, POSTGRES_DIALECT] as const) {
    it(`${dialect.name}: byte-identical to the SQL its contract suite passed on`, () => {
      expect(createHash('sha256').update(allSql(dialect)).digest('hex')).toBe(GOLDEN[dialect.name as 'duckdb' | 'postgres']);
    });
  }
});
