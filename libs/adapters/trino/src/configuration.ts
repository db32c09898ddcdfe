import { z } from 'zod';
import type { LedgerlineEnv } from '@ledgerline/config';

/** Options of openTrino; validated, because they come straight from configuration. */
export const trinoOptionsSchema = z.object({
  /** The coordinator's base URL, e.g. http://127.0.0.1:8080 (tools/services/trino.sh prints it). */
  url: z.url({ protocol: /^https?$/ }),
  /** X-Trino-User (default `ledgerline`). */
  user: z.string().min(1).default('ledgerline'),
  /** The catalog holding the warehouse: RAW tables and dbt's marts (an Iceberg catalog, docs/trino.md). */
  catalog: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a Trino catalog name'),
  /** 'auto' (default): dbt's marts when built, else RAW. */
  prefer: z.enum(['auto', 'marts', 'raw']).default('auto'),
  /** Ad-hoc queries running longer are cancelled (default 30 s). */
  queryTimeoutMs: z.number().int().positive().default(30_000),
});

export type TrinoOptions = z.input<typeof trinoOptionsSchema>;

/** The environment variables the adapter reads (the same ones dbt's `trino` profile reads; .env.example). */
export type TrinoEnv = Pick<LedgerlineEnv, 'TRINO_HOST' | 'TRINO_PORT' | 'TRINO_USER' | 'TRINO_HTTP_SCHEME' | 'TRINO_CATALOG'>;

/**
 * Trino options from the environment, or undefined when TRINO_HOST is unset (the caller keeps its
 * DuckDB store). A host without TRINO_CATALOG is refused, naming the variable.
 */
export function trinoOptionsFromEnv(env: TrinoEnv): TrinoOptions | undefined {
  if (!env.TRINO_HOST) return undefined;
  if (!env.TRINO_CATALOG) throw new Error(`TRINO_CATALOG: is not set; TRINO_HOST=${env.TRINO_HOST} needs the catalog that holds the warehouse`);
  return {
    url: `${env.TRINO_HTTP_SCHEME ?? 'http'}://${env.TRINO_HOST}:${env.TRINO_PORT ?? 8080}`,
    user: env.TRINO_USER,
    catalog: env.TRINO_CATALOG,
  };
}
