import {
  dailyFingerprintQuery,
  rowFingerprintQuery,
  tableSource,
  type DailyFingerprint,
  type DailyFingerprintSource,
  type DbRow,
  type FingerprintRange,
  type MetricQuery,
  type RowFingerprint,
} from '@ledgerline/analytics';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { AnalyticsDatabase, type AnalyticsDatabaseOptions } from './analytics-database.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';

/**
 * The analytics copy's side of `validate`: fingerprints of the live RAW rows (tombstones
 * excluded), always from RAW - the marts are derived from it, RAW is what the sync wrote.
 */
export class DuckDbFingerprintSource implements DailyFingerprintSource {
  readonly name: string;
  private readonly db: AnalyticsDatabase;
  private readonly source;

  constructor(options: AnalyticsDatabaseOptions & { rawSchema?: string }) {
    this.db = new AnalyticsDatabase(options);
    this.name = `duckdb ${options.path}`;
    const schema = q(options.rawSchema ?? 'raw');
    this.source = tableSource('raw', { transactions: `${schema}.transactions`, accounts: `${schema}.accounts`, tombstones: true, dialect: DUCKDB_DIALECT });
  }

  dailyFingerprints(range?: FingerprintRange): Promise<DailyFingerprint[]> {
    return this.run(dailyFingerprintQuery(DUCKDB_DIALECT, this.source, range));
  }

  rowFingerprints(day: string): Promise<RowFingerprint[]> {
    return this.run(rowFingerprintQuery(DUCKDB_DIALECT, this.source, day));
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private run<T>(query: MetricQuery<T>): Promise<T> {
    return this.db.use(async (db) => {
      const reader = await db.runAndReadAll(query.sql, [...query.params]);
      return query.decode(reader.getRowObjectsJS() as DbRow[]);
    });
  }
}
