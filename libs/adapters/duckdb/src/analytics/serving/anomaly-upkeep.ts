import type { ServingTables } from '@ledgerline/analytics';
import { quoteLiteral } from '../../connection/sql-text.ts';
import { boundsHoldSql, CENTS_SQL, isNearSql, nearBoundsSql, scoreNearRowsSql, spendPointsSql } from './anomaly-upkeep-sql.ts';
import type { RefreshSteps } from './refresh-steps.ts';

/** The upkeep tables of the anomalies (anomaly-upkeep-sql.ts says what they hold and why). */
export interface AnomalyUpkeepTables {
  /** Per (customer, category): n, total, squares (exact, as a rebuild's) and the near bounds lo, hi (history-dependent). */
  readonly groups: string;
  /** The spend rows at or beyond their group's bounds, with what an anomalies row needs. */
  readonly near: string;
}

export const ANOMALY_UPKEEP_TEMP_TABLES = ['serving_anomaly_delta', 'serving_anomaly_touched', 'serving_anomaly_rescan', 'serving_changed_tx'];

const sameGroup = (a: string, b: string) => `${a}.customer_id = ${b}.customer_id AND ${a}.category = ${b}.category`;

/** Builds the upkeep tables from the whole fact (after the fact itself). */
export async function buildAnomalyUpkeep(steps: RefreshSteps, tables: ServingTables, upkeep: AnomalyUpkeepTables): Promise<void> {
  const bounds = nearBoundsSql('s');
  await steps.run(
    'build anomaly_groups',
    `CREATE OR REPLACE TABLE ${upkeep.groups} AS
      SELECT *, ${bounds.lo} AS lo, ${bounds.hi} AS hi FROM (
        SELECT customer_id, category, count(*) AS n, sum(cents) AS total, sum(cents * cents) AS squares
        FROM (${spendPointsSql(tables.fact)}) GROUP BY customer_id, category
      ) AS s
      ORDER BY customer_id, category`,
  );
  await steps.run(
    'build anomaly_near',
    `CREATE OR REPLACE TABLE ${upkeep.near} AS
      SELECT p.* FROM (${spendPointsSql(tables.fact)}) AS p JOIN ${upkeep.groups} AS g ON ${sameGroup('g', 'p')}
      WHERE ${isNearSql('p.cents', 'g')}
      ORDER BY p.customer_id, p.category`,
  );
}

/**
 * Brings the anomalies and their upkeep tables from the OLD to the NEW version of the changed
 * rows (`before`, `after`: fact-shaped; the fact already holds the new rows). Per touched group:
 * the statistics are patched by the difference; the near rows lose the old versions and gain the
 * new ones that fall at or beyond the bounds; a group whose bounds no longer hold is rescanned
 * from the fact (new bounds, new near rows); then the group's anomalies are its near rows scored
 * against the new statistics. Nothing reads an unchanged row of a group whose bounds hold.
 * Returns how many groups were rescanned.
 */
export async function applyAnomalyChanges(
  steps: RefreshSteps,
  tables: ServingTables,
  upkeep: AnomalyUpkeepTables,
  before: string,
  after: string,
): Promise<number> {
  await steps.run(
    'anomaly group deltas',
    `CREATE OR REPLACE TEMP TABLE serving_anomaly_delta AS
      SELECT customer_id, category, sum(sign) AS n, sum(sign * cents) AS total, sum(sign * cents * cents) AS squares FROM (
        SELECT -1 AS sign, customer_id, category, ${CENTS_SQL} AS cents FROM ${before} WHERE is_spend AND customer_id IS NOT NULL
        UNION ALL SELECT 1, customer_id, category, ${CENTS_SQL} FROM ${after} WHERE is_spend AND customer_id IS NOT NULL
      ) GROUP BY customer_id, category`,
  );
  const touched = (alias: string) => `EXISTS (SELECT 1 FROM serving_anomaly_delta AS d WHERE ${sameGroup('d', alias)})`;
  // A new group starts with every row near (NULL bounds) until its first rescan.
  await steps.run(
    'patch anomaly_groups',
    `MERGE INTO ${upkeep.groups} AS g USING serving_anomaly_delta AS d ON ${sameGroup('g', 'd')}
      WHEN MATCHED AND g.n + d.n = 0 THEN DELETE
      WHEN MATCHED AND (d.n <> 0 OR d.total <> 0 OR d.squares <> 0) THEN UPDATE SET n = g.n + d.n, total = g.total + d.total, squares = g.squares + d.squares
      WHEN NOT MATCHED THEN INSERT (customer_id, category, n, total, squares, lo, hi) VALUES (d.customer_id, d.category, d.n, d.total, d.squares, NULL, NULL)`,
  );
  await steps.run(
    'changed anomaly rows',
    `CREATE OR REPLACE TEMP TABLE serving_changed_tx AS SELECT tx_id FROM ${before} UNION SELECT tx_id FROM ${after}`,
  );
  await steps.run('delete old near rows', `DELETE FROM ${upkeep.near} WHERE tx_id IN (SELECT tx_id FROM serving_changed_tx)`);
  await steps.run(
    'insert new near rows',
    `INSERT INTO ${upkeep.near} SELECT p.* FROM (${spendPointsSql(after)}) AS p JOIN ${upkeep.groups} AS g ON ${sameGroup('g', 'p')}
      WHERE ${isNearSql('p.cents', 'g')}`,
  );
  // The touched groups that still have rows, with their new statistics and bounds (a few
  // thousand rows: every later step joins this small table, not the whole groups table).
  await steps.run(
    'touched anomaly groups',
    `CREATE OR REPLACE TEMP TABLE serving_anomaly_touched AS
      SELECT g.*, ${boundsHoldSql('g')} AS bounds_hold FROM ${upkeep.groups} AS g WHERE ${touched('g')}`,
  );
  // Groups whose rows between the bounds could now be flagged: read them again from the fact.
  const rescan = await steps.rows(
    'find groups to rescan',
    'SELECT DISTINCT customer_id FROM serving_anomaly_touched WHERE NOT bounds_hold ORDER BY customer_id',
  );
  const rescanned = await steps.count('count groups to rescan', 'SELECT count(*) AS n FROM serving_anomaly_touched WHERE NOT bounds_hold');
  if (rescanned > 0) {
    const bounds = nearBoundsSql('t');
    await steps.run('re-centre rescanned bounds', `UPDATE serving_anomaly_touched AS t SET lo = ${bounds.lo}, hi = ${bounds.hi} WHERE NOT bounds_hold`);
    await steps.run(
      'record re-centred bounds',
      `UPDATE ${upkeep.groups} AS g SET lo = t.lo, hi = t.hi FROM serving_anomaly_touched AS t WHERE ${sameGroup('g', 't')} AND NOT t.bounds_hold`,
    );
    const rescanGroups = (alias: string) =>
      `EXISTS (SELECT 1 FROM serving_anomaly_touched AS x WHERE NOT x.bounds_hold AND ${sameGroup('x', alias)})`;
    await steps.run('delete rescanned near rows', `DELETE FROM ${upkeep.near} AS r WHERE ${rescanGroups('r')}`);
    // The customers as constants: the fact is clustered by customer, so its min/max per row group
    // skip every row group without one of them (a join would read all 10M rows' keys).
    const customers = rescan.map((r) => quoteLiteral(String(r.customer_id))).join(', ');
    await steps.run(
      'rescan groups from the fact',
      `INSERT INTO ${upkeep.near} SELECT p.* FROM (${spendPointsSql(`${tables.fact} AS f`, `f.customer_id IN (${customers})`)}) AS p
        JOIN serving_anomaly_touched AS t ON ${sameGroup('t', 'p')} WHERE NOT t.bounds_hold AND ${isNearSql('p.cents', 't')}`,
    );
  }
  await steps.run('delete touched anomalies', `DELETE FROM ${tables.anomalies} AS a WHERE ${touched('a')}`);
  await steps.run(
    'score touched groups',
    `INSERT INTO ${tables.anomalies} ${scoreNearRowsSql(`(SELECT r.* FROM ${upkeep.near} AS r SEMI JOIN serving_anomaly_touched AS t ON ${sameGroup('t', 'r')})`, 'serving_anomaly_touched')}`,
  );
  return rescanned;
}
