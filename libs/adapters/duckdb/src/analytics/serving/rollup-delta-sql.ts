import { ROLLUPS, type RollupName } from '@ledgerline/analytics';

/**
 * The MERGE that brings rollup `name` (rollupSelectSql's columns) from the state of `before` to
 * that of `after`: both are fact-shaped relations holding the OLD and the NEW version of the
 * changed rows (a delete has no new version, an insert no old one). Their difference is summed per
 * rollup key (the new rows +1, the old ones -1), and each key's row is patched by it: updated in
 * place, inserted when new, deleted when its last row went. Sums are exact decimals and the counts
 * integers, so the result equals a full rebuild to the cent; a sum is NULL once no row of its kind
 * is left, as a rebuild's `sum(...) FILTER` is. Keys whose difference is nil (a row redelivered
 * unchanged) are left alone. rollupBrokenSql checks the outcome.
 */
export function rollupMergeSql(name: RollupName, rollup: string, before: string, after: string): string {
  const keys = ['day', ...ROLLUPS[name]];
  const list = keys.join(', ');
  const signed = `SELECT -1 AS sign, ${list}, normalized_amount, is_spend, is_income FROM ${before}
    UNION ALL SELECT 1 AS sign, ${list}, normalized_amount, is_spend, is_income FROM ${after}`;
  const delta = `SELECT * FROM (
      SELECT ${list},
        coalesce(sum(sign * normalized_amount) FILTER (WHERE is_spend), 0) AS spend, coalesce(sum(sign) FILTER (WHERE is_spend), 0) AS spend_n,
        coalesce(sum(sign * normalized_amount) FILTER (WHERE is_income), 0) AS income, coalesce(sum(sign) FILTER (WHERE is_income), 0) AS income_n,
        coalesce(sum(sign) FILTER (WHERE is_spend OR is_income), 0) AS counted_n, sum(sign) AS n
      FROM (${signed}) GROUP BY ${list}
    ) WHERE spend <> 0 OR spend_n <> 0 OR income <> 0 OR income_n <> 0 OR counted_n <> 0 OR n <> 0`;
  const on = keys.map((k) => (k === 'day' ? 'r.day = d.day' : `r.${k} IS NOT DISTINCT FROM d.${k}`)).join(' AND ');
  // A sum of a kind with no row left is NULL, as in a rebuild; DECIMAL(18,2) as rollupSelectSql casts it.
  const money = (old: string, kind: 'spend' | 'income', count: string) => `CASE WHEN ${count} = 0 THEN NULL ELSE CAST(${old} + d.${kind} AS DECIMAL(18,2)) END`;
  return `MERGE INTO ${rollup} AS r USING (${delta}) AS d ON ${on}
    WHEN MATCHED AND r.n + d.n = 0 THEN DELETE
    WHEN MATCHED THEN UPDATE SET
      spend = ${money('coalesce(r.spend, 0)', 'spend', 'r.spend_n + d.spend_n')}, spend_n = r.spend_n + d.spend_n,
      income = ${money('coalesce(r.income, 0)', 'income', 'r.income_n + d.income_n')}, income_n = r.income_n + d.income_n,
      counted_n = r.counted_n + d.counted_n, n = r.n + d.n
    WHEN NOT MATCHED THEN INSERT (${list}, spend, spend_n, income, income_n, counted_n, n) VALUES (
      ${keys.map((k) => `d.${k}`).join(', ')},
      ${money('0', 'spend', 'd.spend_n')}, d.spend_n, ${money('0', 'income', 'd.income_n')}, d.income_n, d.counted_n, d.n)`;
}

/**
 * Rows of a patched rollup that no full build could make: a key with no row, or fewer rows of a
 * kind than none. Any means the rollup had stopped matching the fact before the patch (the
 * refresh then fails rather than keep a wrong figure; a full build repairs it). One scan of a
 * table of a few thousand rows per day.
 */
export function rollupBrokenSql(rollup: string): string {
  return `SELECT count(*) AS n FROM ${rollup} WHERE n <= 0 OR spend_n < 0 OR income_n < 0 OR counted_n < 0 OR counted_n > n`;
}
