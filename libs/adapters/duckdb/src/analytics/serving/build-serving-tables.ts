import { ROLLUPS, rollupSelectSql, type RollupName } from '@ledgerline/analytics';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';
import { buildAnomalyUpkeep } from './anomaly-upkeep.ts';
import type { RefreshSteps } from './refresh-steps.ts';
import { anomalyUpkeepTables, servingTables } from './serving-schema.ts';
import { anomaliesSelect, factSelect, rawSource, recurringSelect, recurringSummarySelect } from './serving-select-sql.ts';

const ROLLUP_NAMES = Object.keys(ROLLUPS) as RollupName[];

/** Replaces every serving table with one derived from all of RAW; returns the fact's row count. */
export async function buildServingTables(steps: RefreshSteps, raw: string, schema: string): Promise<number> {
  const tables = servingTables(schema);
  await steps.run('create schema', `CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
  await steps.run('build accounts', `CREATE OR REPLACE TABLE ${tables.accounts} AS ${rawSource(raw).accounts()}`);
  // Clustered by customer and account: DuckDB keeps min/max per row group, so a customer's or an
  // account's rows sit in one or two row groups and a filter on them skips every other one.
  await steps.run('build fact', `CREATE OR REPLACE TABLE ${tables.fact} AS ${factSelect(raw)} ORDER BY customer_id, account_id, occurred_at`);
  for (const name of ROLLUP_NAMES) {
    await steps.run(`build ${name}`, `CREATE OR REPLACE TABLE ${tables.rollups[name]} AS ${rollupSelectSql(name, tables.fact)} ORDER BY day`);
  }
  await steps.run('build recurring', `CREATE OR REPLACE TABLE ${tables.recurring} AS ${recurringSelect(tables.fact)} ORDER BY merchant, category`);
  await steps.run('build recurring_summary', `CREATE OR REPLACE TABLE ${tables.recurringSummary} AS ${recurringSummarySelect(tables.recurring)}`);
  // The query's own SQL (anomalyScoresSql) here; the incremental refresh scores near rows with the
  // same arithmetic (anomaly-upkeep-sql.ts), and the specs compare the two.
  await steps.run('build anomalies', `CREATE OR REPLACE TABLE ${tables.anomalies} AS ${anomaliesSelect(schema, [])}`);
  await buildAnomalyUpkeep(steps, tables, anomalyUpkeepTables(schema));
  return steps.count('count fact', `SELECT count(*) AS n FROM ${tables.fact}`);
}
