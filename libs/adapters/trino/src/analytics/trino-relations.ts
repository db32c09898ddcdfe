import { DBT_ACCOUNT_COLUMNS, DBT_FACT_COLUMNS, martsSource, tableSource, TRANSACTION_COLUMNS, type TransactionSource } from '@ledgerline/analytics';
import type { TrinoClient } from '../client/trino-client.ts';
import { trinoIdentifier as q, trinoLiteral } from '../client/trino-literals.ts';
import { rowObjects } from '../client/trino-values.ts';
import { TRINO_DIALECT } from './trino-dialect.ts';

export interface TrinoAnalyticsSchemas {
  /** The RAW contract's schema (default `raw`). */
  readonly raw: string;
  /** Where dbt builds the marts (default `marts`). */
  readonly marts: string;
}

export const DEFAULT_TRINO_SCHEMAS: TrinoAnalyticsSchemas = { raw: 'raw', marts: 'marts' };

/** 'auto' (default): the dbt marts when dbt built them with every column the metric SQL reads, else RAW. */
export type TrinoSourcePreference = 'auto' | 'marts' | 'raw';

export interface TrinoRelations {
  readonly source: TransactionSource;
  readonly reason: string;
  readonly hasRaw: boolean;
  readonly hasSyncState: boolean;
}

const FACT = 'fct_transactions';
const ACCOUNTS_DIM = 'dim_account';
const FACT_COLUMN_NAMES = [...TRANSACTION_COLUMNS, 'customer_id', 'day', 'is_spend', 'is_income', 'affects_balance'].map(
  (c) => DBT_FACT_COLUMNS[c as keyof typeof DBT_FACT_COLUMNS] ?? c,
);
const ACCOUNT_COLUMNS = (['account_id', 'customer_id', 'currency', 'balance'] as const).map((c) => DBT_ACCOUNT_COLUMNS[c] ?? c);

/** `"catalog"."schema"."name"`. */
export function qualified(catalog: string, schema: string, name: string): string {
  return `${q(catalog)}.${q(schema)}.${q(name)}`;
}

/**
 * What the catalog holds, from its information_schema: the dbt marts (fct_transactions and
 * dim_account with every column the metric SQL reads) unless RAW is preferred, else RAW.
 */
export async function detectTrinoRelations(
  client: TrinoClient,
  catalog: string,
  schemas: TrinoAnalyticsSchemas,
  prefer: TrinoSourcePreference,
): Promise<TrinoRelations> {
  const result = await client.run(
    `SELECT table_schema, table_name, column_name FROM ${q(catalog)}.information_schema.columns
      WHERE table_schema IN (${trinoLiteral(schemas.raw)}, ${trinoLiteral(schemas.marts)})`,
  );
  const columns = new Map<string, Set<string>>();
  for (const row of rowObjects(result.columns, result.rows)) {
    const key = `${String(row.table_schema)}.${String(row.table_name)}`;
    const set = columns.get(key) ?? new Set<string>();
    set.add(String(row.column_name));
    columns.set(key, set);
  }
  const hasRaw = columns.has(`${schemas.raw}.transactions`) && columns.has(`${schemas.raw}.accounts`);
  const hasSyncState = columns.has(`${schemas.raw}._sync_state`);
  const raw = tableSource('raw', {
    transactions: qualified(catalog, schemas.raw, 'transactions'),
    accounts: qualified(catalog, schemas.raw, 'accounts'),
    tombstones: true,
    dialect: TRINO_DIALECT,
  });
  if (prefer === 'raw') return { source: raw, reason: 'RAW forced by configuration', hasRaw, hasSyncState };
  const fact = columns.get(`${schemas.marts}.${FACT}`);
  const dim = columns.get(`${schemas.marts}.${ACCOUNTS_DIM}`);
  if (!fact || !dim) return { source: raw, reason: `no ${schemas.marts}.${FACT} / ${ACCOUNTS_DIM} in ${catalog} (dbt has not run): reading RAW`, hasRaw, hasSyncState };
  const missing = [...FACT_COLUMN_NAMES.filter((c) => !fact.has(c)).map((c) => `${FACT}.${c}`), ...ACCOUNT_COLUMNS.filter((c) => !dim.has(c)).map((c) => `${ACCOUNTS_DIM}.${c}`)];
  if (missing.length > 0) return { source: raw, reason: `marts lack ${missing.join(', ')}: reading RAW`, hasRaw, hasSyncState };
  const source = martsSource({ fact: qualified(catalog, schemas.marts, FACT), accounts: qualified(catalog, schemas.marts, ACCOUNTS_DIM) });
  return { source, reason: `reading dbt marts (${catalog}.${schemas.marts}.${FACT})`, hasRaw, hasSyncState };
}
