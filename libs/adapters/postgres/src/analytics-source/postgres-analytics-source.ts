import {
  buildMetricQuery,
  dailyFingerprintQuery,
  rowFingerprintQuery,
  tableSource,
  type AnalyticsMetrics,
  type DailyFingerprint,
  type DailyFingerprintSource,
  type DbRow,
  type FingerprintRange,
  type MetricInput,
  type MetricName,
  type MetricOutput,
  type MetricQuery,
  type RowFingerprint,
  type SourceColumn,
} from '@ledgerline/analytics';
import { z } from 'zod';
import type { SqlClient } from '../client/sql-client.ts';
import { POSTGRES_DIALECT } from './postgres-dialect.ts';

// The operational tables, read as they are: no tombstones there, a deleted row is simply gone.
const OPERATIONAL = tableSource('postgres', { transactions: 'transactions', accounts: 'accounts', tombstones: false, dialect: POSTGRES_DIALECT });

const sourceColumnRow = z.object({
  table_name: z.string(),
  column_name: z.string(),
  data_type: z.string(),
  numeric_scale: z.union([z.number(), z.string(), z.null()]),
});

/**
 * The operational Postgres (or PGlite) as seen by analytics: daily fingerprints for `validate`,
 * the same metric SQL the DuckDB store runs (for comparisons and the benchmark), and the
 * current column list for the analytics sync's schema-drift check. Read-only throughout.
 */
export class PostgresAnalyticsSource implements DailyFingerprintSource {
  readonly name = 'postgres';
  readonly metrics: AnalyticsMetrics;

  constructor(private readonly sql: SqlClient) {
    const run = <N extends MetricName>(name: N) => (params?: MetricInput<N>) => this.metric(name, params);
    this.metrics = {
      spendByPeriod: run('spendByPeriod'),
      spendByCategory: run('spendByCategory'),
      spendByCategoryOverTime: run('spendByCategoryOverTime'),
      topMerchants: run('topMerchants'),
      spendByChannel: run('spendByChannel'),
      spendByLocation: run('spendByLocation'),
      cashflow: run('cashflow'),
      recurringPayments: run('recurringPayments'),
      balancesOverTime: run('balancesOverTime'),
      anomalies: run('anomalies'),
      monthOverMonth: run('monthOverMonth'),
      search: run('search'),
      kpis: run('kpis'),
    } as AnalyticsMetrics;
  }

  /** One metric on the operational tables; invalid params reject (ZodError) like every port call. */
  metric<N extends MetricName>(name: N, params: MetricInput<N> | undefined): Promise<MetricOutput<N>> {
    try {
      return this.run(buildMetricQuery({ dialect: POSTGRES_DIALECT, source: OPERATIONAL }, name, params));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  dailyFingerprints(range?: FingerprintRange): Promise<DailyFingerprint[]> {
    return this.run(dailyFingerprintQuery(POSTGRES_DIALECT, OPERATIONAL, range));
  }

  rowFingerprints(day: string): Promise<RowFingerprint[]> {
    return this.run(rowFingerprintQuery(POSTGRES_DIALECT, OPERATIONAL, day));
  }

  /** Columns of the given tables in the current schema (for planColumnDrift). */
  async sourceColumns(tables: readonly string[]): Promise<SourceColumn[]> {
    const result = await this.sql.query(
      `SELECT table_name::text, column_name::text, data_type::text, numeric_scale
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1::text[])
        ORDER BY table_name, ordinal_position`,
      [tables],
    );
    return result.rows.map((raw) => {
      const row = sourceColumnRow.parse(raw);
      return {
        table: row.table_name,
        name: row.column_name,
        dataType: row.data_type,
        numericScale: row.numeric_scale === null ? null : Number(row.numeric_scale),
      };
    });
  }

  private async run<T>(query: MetricQuery<T>): Promise<T> {
    const result = await this.sql.query<DbRow>(query.sql, query.params);
    return query.decode(result.rows);
  }
}
