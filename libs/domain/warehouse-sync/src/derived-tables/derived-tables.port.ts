import { token } from '@ledgerline/di';

/**
 * Tables the warehouse derives from RAW for fast reads -- the DuckDB analytics serving layer
 * (rollups, a clustered fact, precomputed anomalies). The sync cycle refreshes them after every
 * load, once the warehouse is closed and before dbt: readers get fast answers as soon as the data
 * is in. Refreshing when nothing changed must be cheap (the adapter compares where RAW stands).
 */
export interface DerivedTables {
  /** Brings the derived tables up to date with RAW; resolves to a one-line summary for the log. */
  refresh(): Promise<string>;
}

export const DERIVED_TABLES = token<DerivedTables>('DerivedTables');
