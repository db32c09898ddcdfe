import type { SchemaDescription } from '@ledgerline/analytics';

/** The RAW contract's data tables (never `raw._sync_state` or staging). */
export const RAW_RELATIONS = ['raw.customers', 'raw.accounts', 'raw.transactions'] as const;
/** The schema dbt builds its marts in (dbt_project.yml `+schema: marts`). */
export const MARTS_SCHEMA = 'marts';

/**
 * The relations the agent's SQL may read: the RAW tables and every dbt mart that exists in the
 * store. Sync bookkeeping, staging views, snapshots and anything else stay out.
 */
export function sqlAllowList(schema: SchemaDescription | undefined): string[] {
  const marts = (schema?.relations ?? [])
    .filter((r) => r.schema.toLowerCase() === MARTS_SCHEMA)
    .map((r) => `${r.schema}.${r.name}`.toLowerCase());
  return [...new Set([...RAW_RELATIONS, ...marts])].sort();
}
