import {
  AnalyticsUnavailableError,
  buildMetricQuery,
  describeRelations,
  validateReadOnlySql,
  type AnalyticsStore,
  type DataAsOf,
  type DbRow,
  type JsonValue,
  type MetricInput,
  type MetricName,
  type MetricOutput,
  type ReadOnlyQueryResult,
  type ReadOnlySqlOptions,
  type SchemaDescription,
  type StoreStats,
} from '@ledgerline/analytics';
import { silentLogger, type Logger } from '@ledgerline/logging';
import type { TrinoClient } from '../client/trino-client.ts';
import { bindPositional, trinoIdentifier as q, trinoLiteral } from '../client/trino-literals.ts';
import { rowObjects } from '../client/trino-values.ts';
import { TRINO_DIALECT } from './trino-dialect.ts';
import { DEFAULT_TRINO_SCHEMAS, detectTrinoRelations, qualified, type TrinoAnalyticsSchemas, type TrinoRelations, type TrinoSourcePreference } from './trino-relations.ts';

export interface TrinoAnalyticsStoreOptions {
  readonly client: TrinoClient;
  /** The catalog holding the warehouse (RAW and dbt's marts), e.g. an Iceberg catalog `lake`. */
  readonly catalog: string;
  readonly schemas?: TrinoAnalyticsSchemas;
  /** 'auto' (default): dbt's marts when built, else RAW. */
  readonly prefer?: TrinoSourcePreference;
  /** Ad-hoc queries running longer are cancelled (default 30 s). */
  readonly queryTimeoutMs?: number;
  /**
   * Other catalogs ad-hoc SQL may read besides `catalog` (e.g. the operational PostgreSQL for a
   * federated question); default none, so `system.*` and every other connector are refused.
   */
  readonly allowedCatalogs?: readonly string[];
  /** How long a look at which relations exist is reused (default 60 s): dbt may build the marts meanwhile. */
  readonly relationsTtlMs?: number;
  readonly logger?: Logger;
}

/**
 * AnalyticsStore on Trino (architecture §2, "AnalyticsStore (scale)"): the shared metric SQL in
 * Trino's dialect (trino-dialect.ts) over one catalog's RAW tables or dbt marts, parameters bound
 * with EXECUTE IMMEDIATE ... USING (trino-literals.ts). Ad-hoc SQL passes the read-only guard and
 * then runs in a READ ONLY transaction.
 */
export class TrinoAnalyticsStore implements AnalyticsStore {
  private readonly client: TrinoClient;
  private readonly schemas: TrinoAnalyticsSchemas;
  private readonly logger: Logger;
  private relations: { at: number; value: Promise<TrinoRelations> } | undefined;

  constructor(private readonly options: TrinoAnalyticsStoreOptions) {
    this.client = options.client;
    this.schemas = options.schemas ?? DEFAULT_TRINO_SCHEMAS;
    this.logger = options.logger ?? silentLogger;
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

  /** Any metric by name (what the agent's metrics tool calls). */
  async metric<N extends MetricName>(name: N, params: MetricInput<N> | undefined): Promise<MetricOutput<N>> {
    const relations = await this.currentRelations();
    const query = buildMetricQuery({ dialect: TRINO_DIALECT, source: relations.source }, name, params);
    return query.decode(await this.rows(bindPositional(query.sql, query.params)));
  }

  /** Which relations answer and why (for `stats` and logs). */
  async sourceInfo(): Promise<{ kind: DataAsOf['source']; reason: string }> {
    const relations = await this.currentRelations();
    return { kind: relations.source.kind === 'marts' ? 'marts' : 'raw', reason: relations.reason };
  }

  async dataAsOf(): Promise<DataAsOf> {
    const relations = await this.currentRelations();
    const micros = TRINO_DIALECT.epochMicros;
    const tables = relations.hasSyncState
      ? await this.rows(
          `SELECT table_name, CAST(xmin_horizon AS VARCHAR) AS horizon, CAST(watermark AS VARCHAR) AS max_change_seq, ${micros('updated_at')} AS updated_us
             FROM ${this.raw('_sync_state')} ORDER BY table_name`,
        )
      : [];
    const latest = relations.hasRaw
      ? (await this.rows(`SELECT ${micros('max(occurred_at)')} AS latest FROM ${relations.source.transactions({ withCustomer: false })} AS t`))[0]?.latest
      : null;
    const synced = tables.map((t) => ({
      table: String(t.table_name),
      horizon: String(t.horizon ?? '0'),
      max_change_seq: t.max_change_seq === null ? null : String(t.max_change_seq),
      updated_at: isoMillis(t.updated_us) ?? '',
    }));
    return {
      last_sync_at: synced.map((t) => t.updated_at).sort().at(-1) ?? null,
      tables: synced,
      latest_transaction_at: isoMillis(latest),
      source: relations.source.kind === 'marts' ? 'marts' : 'raw',
    };
  }

  async describeSchema(): Promise<SchemaDescription> {
    const catalog = q(this.options.catalog);
    const rows = await this.rows(
      `SELECT c.table_schema, c.table_name, c.column_name, c.data_type, t.table_type
         FROM ${catalog}.information_schema.columns c
         JOIN ${catalog}.information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema IN (${trinoLiteral(this.schemas.raw)}, ${trinoLiteral(this.schemas.marts)}) AND NOT starts_with(c.table_name, '_')
        ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    );
    return describeRelations(
      rows.map((row) => ({
        schema: String(row.table_schema),
        table: String(row.table_name),
        column: String(row.column_name),
        type: String(row.data_type),
        kind: row.table_type === 'VIEW' ? 'view' : 'table',
      })),
    );
  }

  async stats(): Promise<StoreStats> {
    const schema = await this.describeSchema();
    const tables = schema.relations.filter((r) => r.kind === 'table');
    // One statement for every count: each Trino statement costs a planning round trip.
    const counts =
      tables.length === 0
        ? []
        : await this.rows(
            tables.map((r) => `SELECT ${trinoLiteral(`${r.schema}.${r.name}`)} AS relation, count(*) AS n FROM ${qualified(this.options.catalog, r.schema, r.name)}`).join(' UNION ALL '),
          );
    const relations = counts.map((r) => ({ relation: String(r.relation), rows: Number(r.n) })).sort((a, b) => (a.relation < b.relation ? -1 : 1));
    if (!tables.some((r) => r.schema === this.schemas.raw && r.name === 'transactions')) {
      return { relations, transactions: { live: 0, deleted: 0, first_at: null, last_at: null } };
    }
    const micros = TRINO_DIALECT.epochMicros;
    const row = (
      await this.rows(
        `SELECT count(*) FILTER (WHERE NOT _deleted) AS live, count(*) FILTER (WHERE _deleted) AS deleted,
                ${micros('min(occurred_at) FILTER (WHERE NOT _deleted)')} AS first_us, ${micros('max(occurred_at) FILTER (WHERE NOT _deleted)')} AS last_us
           FROM ${this.raw('transactions')}`,
      )
    )[0];
    return {
      relations,
      transactions: { live: Number(row?.live ?? 0), deleted: Number(row?.deleted ?? 0), first_at: isoMillis(row?.first_us), last_at: isoMillis(row?.last_us) },
    };
  }

  async runReadOnlySql(sql: string, options: ReadOnlySqlOptions): Promise<ReadOnlyQueryResult> {
    // Trino's lexical rules and catalog names (read-only-sql: dialect 'trino').
    const validated = validateReadOnlySql(sql, { ...options, dialect: 'trino', catalogs: { current: this.options.catalog, allowed: this.options.allowedCatalogs } });
    const timeoutMs = options.timeoutMs ?? this.options.queryTimeoutMs ?? 30_000;
    // The statement itself, not the guard's `SELECT * FROM (...) LIMIT n` wrapper: Trino drops an
    // ORDER BY inside a subquery, so the wrapper would return the first rows in scan order. The
    // row limit is kept by reading at most fetchLimit rows and cancelling the rest.
    const result = await this.client.runReadOnly(validated.statement, { catalog: this.options.catalog, schema: this.schemas.raw, timeoutMs, maxRows: validated.fetchLimit });
    const rows = rowObjects(result.columns, result.rows).map(jsonRow);
    const truncated = rows.length > validated.maxRows;
    return {
      sql: validated.statement,
      columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: truncated ? rows.slice(0, validated.maxRows) : rows,
      truncated,
      maxRows: validated.maxRows,
    };
  }

  async close(): Promise<void> {
    this.relations = undefined;
  }

  private raw(table: string): string {
    return qualified(this.options.catalog, this.schemas.raw, table);
  }

  private async rows(sql: string): Promise<DbRow[]> {
    const result = await this.client.run(sql, { catalog: this.options.catalog });
    return rowObjects(result.columns, result.rows);
  }

  private async currentRelations(): Promise<TrinoRelations> {
    const ttl = this.options.relationsTtlMs ?? 60_000;
    if (!this.relations || Date.now() - this.relations.at > ttl) {
      const value = detectTrinoRelations(this.client, this.options.catalog, this.schemas, this.options.prefer ?? 'auto').then((relations) => {
        if (!relations.hasRaw && relations.source.kind !== 'marts') {
          throw new AnalyticsUnavailableError(`Trino catalog ${this.options.catalog} has no ${this.schemas.raw}.transactions yet: load or sync the warehouse first`);
        }
        this.logger.debug('analytics relations', { catalog: this.options.catalog, reason: relations.reason });
        return relations;
      });
      // A failed look is not kept: the next call looks again.
      value.catch(() => {
        if (this.relations?.value === value) this.relations = undefined;
      });
      this.relations = { at: Date.now(), value };
    }
    return this.relations.value;
  }
}

/** A decoded row as JSON-safe values: bigint as text (exact), like DuckDB's JSON rows. */
function jsonRow(row: Record<string, unknown>): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? value.toString() : (value as JsonValue)]));
}

/** Epoch microseconds as the house timestamp format, ISO-8601 UTC with milliseconds. */
function isoMillis(micros: unknown): string | null {
  if (typeof micros !== 'bigint') return null;
  return new Date(Number(micros / 1000n - (micros % 1000n < 0n ? 1n : 0n))).toISOString();
}
