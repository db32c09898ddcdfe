import type { AnalyticsStore } from '@ledgerline/analytics';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { TrinoClient } from './client/trino-client.ts';
import { trinoIdentifier } from './client/trino-literals.ts';
import { trinoOptionsFromEnv, trinoOptionsSchema, type TrinoEnv, type TrinoOptions } from './configuration.ts';
import { TrinoAnalyticsStore } from './analytics/trino-analytics-store.ts';

export interface OpenedTrino {
  readonly analyticsStore: AnalyticsStore;
  readonly client: TrinoClient;
  /** What callers may branch on: Trino is a shared server, many connections, nothing embedded. */
  readonly capabilities: { readonly backend: 'trino'; readonly singleConnection: false; readonly embedded: false };
  /** The label the composition root prints. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Opens the Trino adapter: checks that the coordinator answers and that the catalog exists, so a
 * wrong URL or catalog fails at start rather than at the first dashboard query.
 */
export async function openTrino(input: TrinoOptions, deps: { logger?: Logger } = {}): Promise<OpenedTrino> {
  const options = trinoOptionsSchema.parse(input);
  const client = new TrinoClient({ url: options.url, user: options.user, timeoutMs: options.queryTimeoutMs });
  try {
    await client.run(`SELECT 1 FROM ${trinoIdentifier(options.catalog)}.information_schema.schemata LIMIT 1`);
  } catch (error) {
    throw new Error(`Trino catalog ${options.catalog} at ${options.url} is not usable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const analyticsStore = new TrinoAnalyticsStore({ client, catalog: options.catalog, prefer: options.prefer, queryTimeoutMs: options.queryTimeoutMs, logger: deps.logger ?? silentLogger });
  return {
    analyticsStore,
    client,
    capabilities: { backend: 'trino', singleConnection: false, embedded: false },
    description: `Trino at ${options.url}, catalog ${options.catalog}`,
    close: () => analyticsStore.close(),
  };
}

/** openTrino from TRINO_* variables, or undefined when TRINO_HOST is unset. */
export async function trinoFromEnv(env: TrinoEnv, deps: { logger?: Logger } = {}): Promise<OpenedTrino | undefined> {
  const options = trinoOptionsFromEnv(env);
  return options ? openTrino(options, deps) : undefined;
}
