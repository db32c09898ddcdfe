import { ROLLUPS, type RollupName } from '@ledgerline/analytics';
import { TerminalError } from '@ledgerline/transactions';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';
import { ANOMALY_UPKEEP_TEMP_TABLES, applyAnomalyChanges } from './anomaly-upkeep.ts';
import type { RefreshSteps } from './refresh-steps.ts';
import { rollupBrokenSql, rollupMergeSql } from './rollup-delta-sql.ts';
import { anomalyUpkeepTables, servingTables } from './serving-schema.ts';
import { factSelect, rawSource, recurringSelect, recurringSummarySelect } from './serving-select-sql.ts';

export interface AppliedChanges {
  readonly mode: 'incremental' | 'unchanged';
  /** Transactions whose serving rows changed (inserted, updated, deleted or moved to another customer). */
  readonly transactions: number;
  /** Distinct days those changes touched, old and new. */
  readonly days: number;
  /** Rollup rows patched (updated, inserted or deleted), over every rollup. */
  readonly groups: number;
  /** Anomaly groups read again from the fact because their near bounds no longer held (anomaly-upkeep.ts). */
  readonly anomalyGroupsRescanned: number;
}

const ROLLUP_NAMES = Object.keys(ROLLUPS) as RollupName[];
const TEMP_TABLES = ['serving_remapped', 'serving_changed_raw', 'serving_before', 'serving_after', 'serving_same', 'serving_recurring_groups', ...ANOMALY_UPKEEP_TEMP_TABLES];

/**
 * Applies to the serving tables the RAW rows synced after `sinceUs` (RAW's latest `_synced_at`
 * at the last refresh; raw-sync-marks.ts says why that column), plus every row of an account that
 * moved to another customer, appeared or went. The work is proportional to those rows, not to the
 * days or customers they touch:
 * - `serving_before` holds their rows as the fact has them now (the OLD values), `serving_after`
 *   as RAW derives them (the NEW values; none for a delete); rows equal in both (a redelivery, or
 *   a change to a column the serving layer does not keep) are dropped from both.
 * - the fact and `recurring` lose the old rows and get the new ones;
 * - each rollup is patched by the difference, key by key (rollup-delta-sql.ts);
 * - the recurring summary is recomputed for the (merchant, category) groups the rows left or
 *   joined (a median cannot be patched);
 * - the anomalies of the touched (customer, category) groups are rescored from each group's
 *   patched statistics and its rows far enough from the mean to be flagged (anomaly-upkeep.ts).
 * Runs inside the caller's transaction: readers see the old or the new layer, never a mix.
 */
export async function applyServingChanges(
  steps: RefreshSteps,
  raw: string,
  schema: string,
  since: { readonly transactionsUs: bigint; readonly accountsChanged: boolean },
): Promise<AppliedChanges> {
  const tables = servingTables(schema);
  const liveAccounts = rawSource(raw).accounts();
  // Accounts that appeared, disappeared or moved to another customer: their transactions' customer_id changes.
  // None when RAW's accounts have not changed since the last refresh (the serving copy then equals them).
  let remapped = 0;
  if (since.accountsChanged) {
    await steps.run(
      'find remapped accounts',
      `CREATE OR REPLACE TEMP TABLE serving_remapped AS
        SELECT coalesce(n.account_id, o.account_id) AS account_id
        FROM ${liveAccounts} AS n FULL JOIN ${tables.accounts} AS o ON o.account_id = n.account_id
        WHERE n.account_id IS NULL OR o.account_id IS NULL OR n.customer_id IS DISTINCT FROM o.customer_id`,
    );
    remapped = await steps.count('count remapped accounts', 'SELECT count(*) AS n FROM serving_remapped');
  }
  await steps.run(
    'read changed RAW rows',
    `CREATE OR REPLACE TEMP TABLE serving_changed_raw AS SELECT * FROM ${q(raw)}.transactions
      WHERE epoch_us(_synced_at) > CAST($since AS BIGINT)${remapped > 0 ? ' OR account_id IN (SELECT account_id FROM serving_remapped)' : ''}`,
    { since: since.transactionsUs.toString() },
  );
  if (since.accountsChanged) await steps.run('replace accounts', `CREATE OR REPLACE TABLE ${tables.accounts} AS ${liveAccounts}`);
  // The old versions, with where they sit in the fact (deleting by rowid spares a second search).
  await steps.run(
    'read old fact rows',
    `CREATE OR REPLACE TEMP TABLE serving_before AS
      SELECT rowid AS fact_rowid, * FROM ${tables.fact} WHERE tx_id IN (SELECT tx_id FROM serving_changed_raw)`,
  );
  await steps.run('derive new fact rows', `CREATE OR REPLACE TEMP TABLE serving_after AS ${factSelect(raw, 'serving_changed_raw')}`);
  await steps.run(
    'drop unchanged rows',
    `CREATE OR REPLACE TEMP TABLE serving_same AS SELECT tx_id FROM (SELECT * EXCLUDE (fact_rowid) FROM serving_before INTERSECT SELECT * FROM serving_after)`,
  );
  await steps.run('drop unchanged old rows', 'DELETE FROM serving_before WHERE tx_id IN (SELECT tx_id FROM serving_same)');
  await steps.run('drop unchanged new rows', 'DELETE FROM serving_after WHERE tx_id IN (SELECT tx_id FROM serving_same)');
  const transactions = await steps.count(
    'count changed rows',
    'SELECT count(*) AS n FROM (SELECT tx_id FROM serving_before UNION SELECT tx_id FROM serving_after)',
  );
  if (transactions === 0) {
    await dropTemp(steps);
    return { mode: 'unchanged', transactions: 0, days: 0, groups: 0, anomalyGroupsRescanned: 0 };
  }
  const before = '(SELECT * EXCLUDE (fact_rowid) FROM serving_before)';

  await steps.run('delete old fact rows', `DELETE FROM ${tables.fact} WHERE rowid IN (SELECT fact_rowid FROM serving_before)`);
  await steps.run('insert new fact rows', `INSERT INTO ${tables.fact} SELECT * FROM serving_after`);

  let groups = 0;
  for (const name of ROLLUP_NAMES) {
    groups += await steps.affected(`patch ${name}`, rollupMergeSql(name, tables.rollups[name], before, 'serving_after'));
    if ((await steps.count(`check ${name}`, rollupBrokenSql(tables.rollups[name]))) > 0) {
      throw new TerminalError(`serving rollup ${name} no longer matches the fact (a patch left keys with fewer than no rows): rebuild it with a full refresh`);
    }
  }

  // The recurring rows' (merchant, category) groups the changes left or joined.
  await steps.run(
    'find touched recurring groups',
    `CREATE OR REPLACE TEMP TABLE serving_recurring_groups AS
      SELECT merchant, category FROM (${recurringSelect(before)}) UNION SELECT merchant, category FROM (${recurringSelect('serving_after')})`,
  );
  const inRecurringGroups = (alias: string) =>
    `EXISTS (SELECT 1 FROM serving_recurring_groups AS g WHERE g.merchant = ${alias}.merchant AND g.category = ${alias}.category)`;
  await steps.run('delete old recurring rows', `DELETE FROM ${tables.recurring} WHERE tx_id IN (SELECT tx_id FROM serving_before)`);
  await steps.run('insert new recurring rows', `INSERT INTO ${tables.recurring} ${recurringSelect('serving_after')}`);
  await steps.run('delete touched recurring groups', `DELETE FROM ${tables.recurringSummary} AS s WHERE ${inRecurringGroups('s')}`);
  await steps.run(
    'summarise touched recurring groups',
    `INSERT INTO ${tables.recurringSummary} ${recurringSummarySelect(`${tables.recurring} AS r`, `WHERE ${inRecurringGroups('r')}`)}`,
  );

  // A row's z-score depends on the other spend rows of its customer and category only.
  const rescanned = await applyAnomalyChanges(steps, tables, anomalyUpkeepTables(schema), before, 'serving_after');

  const days = await steps.count('count touched days', `SELECT count(*) AS n FROM (SELECT day FROM ${before} UNION SELECT day FROM serving_after)`);
  await dropTemp(steps);
  return { mode: 'incremental', transactions, days, groups, anomalyGroupsRescanned: rescanned };
}

async function dropTemp(steps: RefreshSteps): Promise<void> {
  for (const name of TEMP_TABLES) await steps.run(`drop ${name}`, `DROP TABLE IF EXISTS ${name}`);
}
