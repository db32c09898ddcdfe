import { ROLLUPS, type RollupName, type ServingTables } from '@ledgerline/analytics';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';
import type { AnomalyUpkeepTables } from './anomaly-upkeep.ts';

/** The schema holding the serving layer in an analytics DuckDB file (next to `raw` and `marts`). */
export const DEFAULT_SERVING_SCHEMA = 'serving';
/** Where RAW stood when the serving tables were last refreshed (table_name, synced_us, row_count; see raw-sync-marks.ts). */
export const SERVING_STATE_TABLE = '_state';

const ROLLUP_NAMES = Object.keys(ROLLUPS) as RollupName[];

/** The serving tables of `schema`, quoted for SQL. */
export function servingTables(schema: string = DEFAULT_SERVING_SCHEMA): ServingTables {
  const t = (name: string) => `${q(schema)}.${q(name)}`;
  return {
    fact: t('fact'),
    accounts: t('accounts'),
    rollups: Object.fromEntries(ROLLUP_NAMES.map((name) => [name, t(name)])) as Record<RollupName, string>,
    recurring: t('recurring'),
    recurringSummary: t('recurring_summary'),
    anomalies: t('anomalies'),
  };
}

/** The anomalies' upkeep tables of `schema` (anomaly-upkeep-sql.ts), quoted for SQL: the refresh's, no reader's. */
export function anomalyUpkeepTables(schema: string = DEFAULT_SERVING_SCHEMA): AnomalyUpkeepTables {
  return { groups: `${q(schema)}.${q(ANOMALY_GROUPS_TABLE)}`, near: `${q(schema)}.${q(ANOMALY_NEAR_TABLE)}` };
}

export const ANOMALY_GROUPS_TABLE = 'anomaly_groups';
export const ANOMALY_NEAR_TABLE = 'anomaly_near';

/** Every table name the serving layer consists of (unquoted), upkeep and state included. */
export function servingTableNames(): string[] {
  return ['fact', 'accounts', ...ROLLUP_NAMES, 'recurring', 'recurring_summary', 'anomalies', ANOMALY_GROUPS_TABLE, ANOMALY_NEAR_TABLE, SERVING_STATE_TABLE];
}
