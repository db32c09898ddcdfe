import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import {
  AnalyticsUnavailableError,
  buildMetricQuery,
  describeRelations,
  SqlRejectedError,
  validateReadOnlySql,
  type AnalyticsStore,
  type DataAsOf,
  type DbRow,
  type MetricInput,
  type MetricName,
  type MetricOutput,
  type MetricQuery,
  type ReadOnlyQueryResult,
  type ReadOnlySqlOptions,
  type SchemaDescription,
  type StoreStats,
} from '@ledgerline/analytics';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { AnalyticsDatabase, type AnalyticsDatabaseOptions } from './analytics-database.ts';
import { DEFAULT_ANALYTICS_SCHEMAS, detectRelations, type AnalyticsSchemas, type DetectedRelations, type SourcePreference } from './analytics-relations.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { readJsonRows } from './duckdb-json.ts';
import { refreshServingFile, type RefreshServingOptions, type RefreshServingReport } from './serving/refresh-serving-tables.ts';

export interface DuckDbAnalyticsStoreOptions extends AnalyticsDatabaseOptions {
  readonly schemas?: AnalyticsSchemas;
  /**
   * 'auto' (default): the serving layer when it is up to date with RAW, else the dbt marts when
   * dbt built them, else RAW. 'marts' skips the serving layer; 'raw' forces RAW (tests, comparisons).
   */
  readonly prefer?: SourcePreference;
  /** Ad-hoc queries running longer are interrupted (default 30 s). */
  readonly queryTimeoutMs?: number;
  readonly logger?: Logger;
}

/** Per opening of the file: which relations answer, and the prepared statements made on them. */
interface Session {
  readonly generation: number;
  readonly relations: DetectedRelations;
  readonly prepared: Map<string, DuckDBPreparedStatement>;
}

/**
 * AnalyticsStore on a DuckDB file (architecture §2): the shared metric SQL from
 * @ledgerline/analytics, run on the dbt marts when present, else on the RAW tables. Metric
 * statements are prepared once per opening and reused, so a dashboard's repeated queries skip
 * parsing and planning. The file is opened read-only (see AnalyticsDatabase).
 */
export class DuckDbAnalyticsStore implements AnalyticsStore {
  private readonly db: AnalyticsDatabase;
  private readonly schemas: AnalyticsSchemas;
  private readonly logger: Logger;
  private session: Session | undefined;

  constructor(private readonly options: DuckDbAnalyticsStoreOptions) {
    this.db = new AnalyticsDatabase(options);
    this.schemas = options.schemas ?? DEFAULT_ANALYTICS_SCHEMAS;
    this.logger = options.logger ?? silentLogger;
  }

  get path(): string {
    return this.db.path;
  }

  /**
   * Brings the serving layer of the DuckDB file at `path` up to date with its RAW tables
   * (serving/refresh-serving-tables.ts): what `analytics sync` runs after moving rows. Needs the
   * file writable, so no read-only store may hold it meanwhile.
   */
  static refreshServing(path: string, options?: RefreshServingOptions): Promise<RefreshServingReport> {
    return refreshServingFile(path, options);
  }

  spendByPeriod = (p: MetricInput<'spendByPeriod'>) => this.metric('spendByPeriod', p);
  spendByCategory = (p?: MetricInput<'spendByCategory'>) => this.metric('spendByCategory', p);
  spendByCategoryOverTime = (p?: MetricInput<'spendByCategoryOverTime'>) => this.metric('spendByCategoryOverTime', p);
  topMerchants = (p?: MetricInput<'topMerchants'>) => this.metric('topMerchants', p);
  spendByChannel = (p?: MetricInput<'spendByChannel'>) => this.metric('spendByChannel', p);
  spendByLocation = (p?: MetricInput<'spendByLocation'>) => this.metric('spendByLocation', p);
  cashflow = (p?: MetricInput<'cashflow'>) => this.metric('cashflow', p);
  recurringPayments = (p?: MetricInput<'recurringPayments'>) => this.metric('recurringPayments', p);
  balancesOverTime = (p: MetricInput<'balancesOverTime'>) => this.metric('balancesOverTime', p);
  anomalies = (p?: MetricInput<'anomalies'>) => this.metric('anomalies', p);
  monthOverMonth = (p: MetricInput<'monthOverMonth'>) => this.metric('monthOverMonth', p);
  search = (p: MetricInput<'search'>) => this.metric('search', p);
  kpis = (p: MetricInput<'kpis'>) => this.metric('kpis', p);

  /** Which relations answer and why (for `stats` and logs). */
  async sourceInfo(): Promise<{ kind: DataAsOf['source']; reason: string }> {
    return this.db.use(async (db, generation) => {
      const { relations } = await this.sessionFor(db, generation);
      return { kind: sourceLabel(relations), reason: relations.reason };
    });
  }

  /** Any metric by name (what the agent's metrics tool calls). */
  metric<N extends MetricName>(name: N, params: MetricInput<N> | undefined): Promise<MetricOutput<N>> {
    return this.db.use<MetricOutput<N>>(async (db, generation) => {
      const session = await this.sessionFor(db, generation);
      const query = buildMetricQuery({ dialect: DUCKDB_DIALECT, source: session.relations.source }, name, params);
      return query.decode(await this.runPrepared(db, session, query));
    });
  }

  async dataAsOf(): Promise<DataAsOf> {
    return this.db.use(async (db, generation) => {
      const { relations } = await this.sessionFor(db, generation);
      const tables = relations.hasSyncState
        ? (
            await db.runAndReadAll(
              `SELECT table_name, CAST(xmin_horizon AS VARCHAR) AS horizon, CAST(watermark AS VARCHAR) AS max_change_seq, epoch_us(updated_at) AS updated_us
                 FROM ${q(this.schemas.raw)}._sync_state ORDER BY table_name`,
            )
          ).getRowObjectsJS()
        : [];
      const latest = relations.hasRaw
        ? (await db.runAndReadAll(`SELECT epoch_us(max(occurred_at)) AS latest FROM ${relations.source.transactions({ withCustomer: false })} AS t`)).getRowObjectsJS()[0]
            ?.latest
        : null;
      const synced = tables.map((t) => ({
        table: String(t.table_name),
        horizon: String(t.horizon ?? '0'),
        max_change_seq: t.max_change_seq === null ? null : String(t.max_change_seq),
        updated_at: isoMillis(t.updated_us) ?? '',
      }));
      const lastSync = synced.map((t) => t.updated_at).sort().at(-1) ?? null;
      return {
        last_sync_at: lastSync,
        tables: synced,
        latest_transaction_at: isoMillis(latest),
        source: sourceLabel(relations),
      };
    });
  }

  async describeSchema(): Promise<SchemaDescription> {
    return this.db.use(async (db) => {
      const reader = await db.runAndReadAll(
        `SELECT c.schema_name, c.table_name, c.column_name, c.data_type, t.table_type
           FROM duckdb_columns() c
           JOIN (SELECT schema_name, table_name, 'table' AS table_type FROM duckdb_tables() WHERE NOT temporary
                 UNION ALL SELECT schema_name, view_name, 'view' FROM duckdb_views() WHERE NOT internal AND NOT temporary) t
             ON t.schema_name = c.schema_name AND t.table_name = c.table_name
          WHERE c.schema_name IN ($raw, $marts) AND NOT starts_with(c.table_name, '_')
          ORDER BY c.schema_name, c.table_name, c.column_index`,
        { raw: this.schemas.raw, marts: this.schemas.marts },
      );
      return describeRelations(
        reader.getRowObjectsJS().map((row) => ({
          schema: String(row.schema_name),
          table: String(row.table_name),
          column: String(row.column_name),
          type: String(row.data_type),
          kind: row.table_type === 'view' ? 'view' : 'table',
        })),
      );
    });
  }

  async stats(): Promise<StoreStats> {
    const schema = await this.describeSchema();
    return this.db.use(async (db) => {
      const relations: StoreStats['relations'] = [];
      for (const r of schema.relations.filter((x) => x.kind === 'table')) {
        const reader = await db.runAndReadAll(`SELECT count(*) AS n FROM ${q(r.schema)}.${q(r.name)}`);
        relations.push({ relation: `${r.schema}.${r.name}`, rows: Number(reader.getRowObjectsJS()[0]?.n ?? 0) });
      }
      const hasRaw = schema.relations.some((r) => r.schema === this.schemas.raw && r.name === 'transactions');
      if (!hasRaw) return { relations, transactions: { live: 0, deleted: 0, first_at: null, last_at: null } };
      const row = (
        await db.runAndReadAll(
          `SELECT count(*) FILTER (WHERE NOT _deleted) AS live, count(*) FILTER (WHERE _deleted) AS deleted,
                  epoch_us(min(occurred_at) FILTER (WHERE NOT _deleted)) AS first_us, epoch_us(max(occurred_at) FILTER (WHERE NOT _deleted)) AS last_us
             FROM ${q(this.schemas.raw)}.transactions`,
        )
      ).getRowObjectsJS()[0];
      return {
        relations,
        transactions: { live: Number(row?.live ?? 0), deleted: Number(row?.deleted ?? 0), first_at: isoMillis(row?.first_us), last_at: isoMillis(row?.last_us) },
      };
    });
  }

  async runReadOnlySql(sql: string, options: ReadOnlySqlOptions): Promise<ReadOnlyQueryResult> {
    const validated = validateReadOnlySql(sql, options);
    return this.db.use(async (db) => {
      // Defence in depth: DuckDB's own parser must also see exactly one SELECT.
      const extracted = await db.extractStatements(validated.sql).catch((error: unknown) => {
        throw new SqlRejectedError('syntax', (error as Error).message.split('\n')[0] ?? 'invalid SQL');
      });
      if (extracted.count !== 1) throw new SqlRejectedError('multiple_statements', `DuckDB parsed ${extracted.count} statements`);
      const prepared = await extracted.prepare(0).catch((error: unknown) => {
        throw new SqlRejectedError('syntax', (error as Error).message.split('\n')[0] ?? 'invalid SQL');
      });
      try {
        if (prepared.statementType !== 1 /* SELECT */) throw new SqlRejectedError('not_a_select', 'DuckDB does not see a SELECT');
        const timeoutMs = options.timeoutMs ?? this.options.queryTimeoutMs ?? 30_000;
        const timer = setTimeout(() => db.interrupt(), timeoutMs);
        let reader;
        try {
          reader = await prepared.runAndReadAll();
        } catch (error) {
          const message = (error as Error).message ?? String(error);
          if (/interrupt/i.test(message)) throw new Error(`query interrupted after ${timeoutMs} ms`, { cause: error });
          throw error;
        } finally {
          clearTimeout(timer);
        }
        const { columns, rows } = readJsonRows(reader);
        const truncated = rows.length > validated.maxRows;
        return { sql: validated.sql, columns, rows: truncated ? rows.slice(0, validated.maxRows) : rows, truncated, maxRows: validated.maxRows };
      } finally {
        prepared.destroySync();
      }
    });
  }

  async close(): Promise<void> {
    this.dropSession();
    await this.db.close();
  }

  private async sessionFor(db: DuckDBConnection, generation: number): Promise<Session> {
    if (this.session?.generation === generation) return this.session;
    this.dropSession();
    const relations = await detectRelations(db, this.schemas, { prefer: this.options.prefer ?? 'auto' });
    if (!relations.hasRaw && relations.source.kind !== 'marts') {
      throw new AnalyticsUnavailableError(`${this.db.path} has no ${this.schemas.raw}.transactions yet: run \`analytics sync\` first`);
    }
    this.logger.debug('analytics relations', { path: this.db.path, reason: relations.reason });
    this.session = { generation, relations, prepared: new Map() };
    return this.session;
  }

  private dropSession(): void {
    for (const statement of this.session?.prepared.values() ?? []) statement.destroySync();
    this.session = undefined;
  }

  private async runPrepared<T>(db: DuckDBConnection, session: Session, query: MetricQuery<T>): Promise<DbRow[]> {
    let statement = session.prepared.get(query.sql);
    if (!statement) {
      statement = await db.prepare(query.sql);
      session.prepared.set(query.sql, statement);
    }
    statement.clearBindings();
    if (query.params.length > 0) statement.bind([...query.params]);
    const reader = await statement.runAndReadAll();
    return reader.getRowObjectsJS() as DbRow[];
  }
}

function sourceLabel(relations: DetectedRelations): DataAsOf['source'] {
  const kind = relations.source.kind;
  return kind === 'marts' || kind === 'serving' ? kind : 'raw';
}

/** Epoch microseconds (DuckDB BIGINT) as the house timestamp format, ISO-8601 UTC with milliseconds. */
function isoMillis(micros: unknown): string | null {
  if (typeof micros !== 'bigint') return null;
  return new Date(Number(micros / 1000n - (micros % 1000n < 0n ? 1n : 0n))).toISOString();
}
