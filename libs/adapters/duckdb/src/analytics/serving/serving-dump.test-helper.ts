import type { DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'vitest';
import { ANOMALY_GROUPS_TABLE, ANOMALY_NEAR_TABLE, servingTableNames } from './serving-schema.ts';

/**
 * Every serving table of `schema` (the RAW marks included), each as its rows in a canonical order.
 * `comparable`: only what a full build of the same RAW must reproduce exactly: the anomalies'
 * near rows and bounds depend on the refreshes' history (expectNearRowsCover checks them instead).
 */
export async function dumpServing(db: DuckDBConnection, schema = 'serving', options: { comparable?: boolean } = {}): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of servingTableNames()) {
    if (options.comparable && table === ANOMALY_NEAR_TABLE) continue;
    const columns = options.comparable && table === ANOMALY_GROUPS_TABLE ? '* EXCLUDE (lo, hi)' : '*';
    dump[table] = (await db.runAndReadAll(`SELECT ${columns} FROM "${schema}"."${table}" ORDER BY ALL`)).getRowObjectsJson();
  }
  return dump;
}

/**
 * The anomalies' upkeep invariant (anomaly-upkeep-sql.ts): the near rows are current spend rows of
 * the fact, and every spend row that is not near lies strictly between its group's bounds.
 */
export async function expectNearRowsCover(db: DuckDBConnection, schema = 'serving'): Promise<void> {
  const s = `"${schema}"`;
  const count = async (sql: string) => Number((await db.runAndReadAll(sql)).getRowObjectsJS()[0]?.n);
  const spend = `SELECT tx_id, occurred_at, customer_id, account_id, merchant, category, normalized_amount,
      CAST(CAST(normalized_amount * 100 AS BIGINT) AS HUGEINT) AS cents FROM ${s}.fact WHERE is_spend AND customer_id IS NOT NULL`;
  expect(await count(`SELECT count(*) AS n FROM (SELECT * FROM ${s}.${ANOMALY_NEAR_TABLE} EXCEPT ALL (${spend}))`), 'near rows that are not spend rows of the fact').toBe(0);
  expect(
    await count(`SELECT count(*) AS n FROM (${spend}) AS p JOIN ${s}.${ANOMALY_GROUPS_TABLE} AS g USING (customer_id, category)
      WHERE p.tx_id NOT IN (SELECT tx_id FROM ${s}.${ANOMALY_NEAR_TABLE}) AND NOT (g.lo IS NOT NULL AND p.cents > g.lo AND p.cents < g.hi)`),
    'spend rows neither near nor between their bounds',
  ).toBe(0);
}
