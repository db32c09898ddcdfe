import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';

export interface SimulateRawChangesOptions {
  /** Transactions changed in all (inserts included). */
  readonly count: number;
  /** Picks the rows and the kinds of change: the same seed on the same RAW makes the same changes. */
  readonly seed: number;
  /** RAW schema (default `raw`). */
  readonly schema?: string;
}

export interface SimulatedRawChanges {
  readonly updated: number;
  readonly inserted: number;
}

/**
 * Changes RAW transactions as one warehouse sync would after `count` changes in Postgres: every
 * changed row gets the sync's `_synced_at` (one second after the latest) and a higher
 * `_change_seq`. For the serving layer's tests and benchmark (the "incremental == full build"
 * check and the refresh timing), so they exercise every kind of change a sync delivers. Of the
 * existing rows picked (tombstones included: a re-insert of a deleted key comes back live), by
 * `hash(tx_id, seed) % 10`:
 *   0-1 deleted (tombstone) · 2 other amount · 3 other day (up to a month either way, other hour)
 *   4 other category and subcategory (another row's) · 5 other status · 6 direction flipped
 *   7 redelivered unchanged · 8 amount, day, category, merchant, city, channel and recurring flag
 *   9 moved to another account (so to another customer)
 * and a tenth of `count` are new rows (copies of live rows with a new tx_id, another day and amount).
 */
export async function simulateRawChanges(db: DuckDBConnection, options: SimulateRawChangesOptions): Promise<SimulatedRawChanges> {
  const raw = options.schema ?? 'raw';
  const tx = `${q(raw)}.transactions`;
  const seed = Math.trunc(options.seed);
  const inserts = Math.floor(options.count / 10);
  const updates = options.count - inserts;
  const sync = `(SELECT max(_synced_at) + INTERVAL 1 SECOND FROM ${tx})`;
  await db.run(`CREATE OR REPLACE TEMP TABLE sim_sync AS SELECT ${sync} AS sync_at, (SELECT max(_change_seq) FROM ${tx}) AS sync_seq`);
  await db.run(`CREATE OR REPLACE TEMP TABLE sim_pairs AS
    SELECT row_number() OVER (ORDER BY category, subcategory) - 1 AS i, category, subcategory
    FROM (SELECT DISTINCT category, subcategory FROM ${tx})`);
  await db.run(`CREATE OR REPLACE TEMP TABLE sim_accounts AS
    SELECT row_number() OVER (ORDER BY account_id) - 1 AS i, account_id FROM ${q(raw)}.accounts WHERE NOT _deleted`);
  // Every picked row with its kind, another row's (category, subcategory) and another account: joins, not per-row subqueries.
  await db.run(`CREATE OR REPLACE TEMP TABLE sim_picked AS
    SELECT p.tx_id, p.h, p.h % 10 AS kind, p.n, s.category AS other_category, s.subcategory AS other_subcategory, a.account_id AS other_account
    FROM (SELECT tx_id, h, row_number() OVER (ORDER BY h) AS n
          FROM (SELECT tx_id, hash(tx_id, ${seed}) AS h FROM ${tx} ORDER BY h LIMIT ${updates})) AS p
    JOIN sim_pairs AS s ON s.i = (p.h // 100) % (SELECT count(*) FROM sim_pairs)
    JOIN sim_accounts AS a ON a.i = (p.h // 100) % (SELECT count(*) FROM sim_accounts)`);
  const is = (...kinds: number[]) => `p.kind IN (${kinds.join(', ')})`;
  const cents = 'CAST((p.h % 5000) + 1 AS DECIMAL(15,2)) / 100';
  await db.run(`UPDATE ${tx} AS t SET
      _deleted = ${is(0, 1)},
      normalized_amount = CASE WHEN ${is(2, 8)} THEN t.normalized_amount + ${cents} ELSE t.normalized_amount END,
      amount = CASE WHEN ${is(2, 8)} THEN t.amount + ${cents} ELSE t.amount END,
      occurred_at = CASE WHEN ${is(3, 8)} THEN t.occurred_at + to_days(CAST((p.h // 10) % 61 AS INTEGER) - 30) + to_hours(CAST((p.h // 1000) % 24 AS INTEGER))
                    ELSE t.occurred_at END,
      category = CASE WHEN ${is(4, 8)} THEN p.other_category ELSE t.category END,
      subcategory = CASE WHEN ${is(4, 8)} THEN p.other_subcategory ELSE t.subcategory END,
      status = CASE WHEN ${is(5)} THEN ['POSTED', 'PENDING', 'DECLINED', 'REVERSED'][1 + CAST((p.h // 10) % 4 AS INTEGER)] ELSE t.status END,
      direction = CASE WHEN ${is(6)} THEN (CASE t.direction WHEN 'DEBIT' THEN 'CREDIT' ELSE 'DEBIT' END) ELSE t.direction END,
      merchant = CASE WHEN ${is(8)} THEN coalesce(t.merchant, 'Simulated merchant') || ' (moved)' ELSE t.merchant END,
      city = CASE WHEN ${is(8)} THEN NULL ELSE t.city END,
      channel = CASE WHEN ${is(8)} THEN (CASE t.channel WHEN 'ONLINE' THEN 'MOBILE' ELSE 'ONLINE' END) ELSE t.channel END,
      is_recurring = CASE WHEN ${is(8)} THEN NOT t.is_recurring ELSE t.is_recurring END,
      account_id = CASE WHEN ${is(9)} THEN p.other_account ELSE t.account_id END,
      _change_seq = (SELECT sync_seq FROM sim_sync) + p.n,
      _synced_at = (SELECT sync_at FROM sim_sync)
    FROM sim_picked AS p WHERE t.tx_id = p.tx_id`);
  await db.run(`INSERT INTO ${tx}
    SELECT t.* REPLACE ('SIM-${seed}-' || CAST(s.n AS VARCHAR) AS tx_id,
        t.occurred_at + to_days(CAST(s.h % 40 AS INTEGER) - 20) AS occurred_at,
        t.normalized_amount + 1 AS normalized_amount, t.amount + 1 AS amount, false AS _deleted,
        (SELECT sync_seq FROM sim_sync) + ${updates} + s.n AS _change_seq, (SELECT sync_at FROM sim_sync) AS _synced_at)
    FROM (SELECT tx_id, hash(tx_id, ${seed + 1}) AS h, row_number() OVER (ORDER BY hash(tx_id, ${seed + 1})) AS n
          FROM ${tx} WHERE NOT _deleted ORDER BY h LIMIT ${inserts}) AS s
    JOIN ${tx} AS t ON t.tx_id = s.tx_id`);
  const counted = await db.runAndReadAll(`SELECT (SELECT count(*) FROM sim_picked) AS updated`);
  for (const name of ['sim_sync', 'sim_pairs', 'sim_accounts', 'sim_picked']) await db.run(`DROP TABLE IF EXISTS ${name}`);
  return { updated: Number(counted.getRowObjectsJS()[0]?.updated ?? 0), inserted: inserts };
}
