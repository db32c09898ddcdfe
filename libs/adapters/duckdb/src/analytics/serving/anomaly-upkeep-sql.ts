import { ANOMALY_MIN_OBSERVATIONS, ANOMALY_Z_THRESHOLD } from '@ledgerline/analytics';

/**
 * The SQL pieces that keep `serving.anomalies` up to date without rescoring whole groups
 * (anomaly-upkeep.ts says how they fit together).
 *
 * The math. A group is one customer's spend rows in one category: n rows, total S and sum of
 * squares Q of their cents. A row x is scored against the group's OTHER rows (leave-one-out,
 * anomalyScoresSql in @ledgerline/analytics): with d = x - S/n and SS = Q - S^2/n,
 *   z = (n/k) d / sqrt((SS - (n/k) d^2) / (k - 1)),   k = n - 1,
 * so |z| grows strictly with |d|: the flagged rows of a group are the ones furthest from its
 * mean, beyond the distance D(3) where |z| = 3, with
 *   D(Z)^2 = Z^2 SS / ((n/k) ((n/k)(k - 1) + Z^2)).
 * The upkeep keeps per group the statistics (n, S, Q: exact integers, patched by each change's
 * difference) and the rows beyond a smaller distance D(NEAR_Z) ("near" rows, with every column
 * the anomalies table needs) together with the bounds (lo, hi) such that every other spend row of
 * the group lies strictly between them. After a change, rows strictly between lo and hi cannot
 * be flagged as long as that interval stays inside the new mean +- D(3) (`boundsHoldSql`); then
 * the group's flagged rows are among its near rows and scoring those is enough. Otherwise (a
 * change that shrank the spread a lot, e.g. a large outlier deleted) the group is read again from
 * the fact and its bounds re-centred.
 */

/** Near rows are those at |z| >= NEAR_Z or more (under the statistics of their last rescan). */
export const NEAR_Z = 2;
/**
 * The bounds check keeps this share of D(3) (floating point slack: a row strictly inside the
 * check's interval scores |z| <= 2.997, far from 3 in any rounding).
 */
const SAFETY = 0.999;

/** cents of a fact-shaped row, the same exact integer anomalyScoresSql uses. */
export const CENTS_SQL = 'CAST(CAST(normalized_amount * 100 AS BIGINT) AS HUGEINT)';

/** Doubles of a group's statistics over columns n, total, squares of `alias`. */
function groupDoubles(alias: string) {
  const n = `CAST(${alias}.n AS DOUBLE)`;
  const ratio = `(${n} / (${n} - 1))`;
  const spread = `(CAST(${alias}.n * ${alias}.squares - ${alias}.total * ${alias}.total AS DOUBLE) / ${n})`;
  return {
    mean: `(CAST(${alias}.total AS DOUBLE) / ${n})`,
    spread,
    /** D(z): the distance from the mean at which |z| = z. */
    distance: (z: number) => `sqrt(${z * z} * ${spread} / (${ratio} * (${ratio} * (${n} - 2) + ${z * z})))`,
  };
}

/**
 * lo and hi (BIGINT cents) of a group's near rows after a (re)scan: rows at or beyond them are
 * near. Groups too small to be scored keep every row near (NULL bounds): they are few rows and
 * need no rescan when they grow.
 */
export function nearBoundsSql(alias: string): { lo: string; hi: string } {
  const g = groupDoubles(alias);
  const small = `${alias}.n <= ${ANOMALY_MIN_OBSERVATIONS}`;
  return {
    lo: `CASE WHEN ${small} THEN NULL ELSE CAST(floor(${g.mean} - ${g.distance(NEAR_Z)}) AS BIGINT) END`,
    hi: `CASE WHEN ${small} THEN NULL ELSE CAST(ceil(${g.mean} + ${g.distance(NEAR_Z)}) AS BIGINT) END`,
  };
}

/** Whether a cents value of the group at `alias` (with lo/hi) belongs with its near rows. */
export function isNearSql(cents: string, alias: string): string {
  return `(${alias}.lo IS NULL OR ${cents} <= ${alias}.lo OR ${cents} >= ${alias}.hi)`;
}

/**
 * True when no spend row strictly between the group's lo and hi can be flagged under its
 * current statistics: no group row is scored (too few rows, all equal) or the interval sits
 * inside mean +- D(3).
 */
export function boundsHoldSql(alias: string): string {
  const g = groupDoubles(alias);
  return `(${alias}.n <= ${ANOMALY_MIN_OBSERVATIONS} OR ${alias}.lo IS NULL OR ${g.spread} <= 0
    OR (CAST(${alias}.lo AS DOUBLE) >= ${g.mean} - ${SAFETY} * ${g.distance(ANOMALY_Z_THRESHOLD)}
        AND CAST(${alias}.hi AS DOUBLE) <= ${g.mean} + ${SAFETY} * ${g.distance(ANOMALY_Z_THRESHOLD)}))`;
}

/**
 * The anomalies rows of `near` rows (tx_id, occurred_at, customer_id, account_id, merchant,
 * category, normalized_amount, cents) scored against their group in `groups` (n, total,
 * squares). The same integer and floating-point operations, in the same order, as
 * anomalyScoresSql, so every value equals a full build's to the last bit.
 */
export function scoreNearRowsSql(near: string, groups: string, nearCondition = 'TRUE'): string {
  return `SELECT tx_id, occurred_at, customer_id, account_id, merchant, category, normalized_amount, other_sum, k,
      (CAST(cents * k - other_sum AS DOUBLE PRECISION) / CAST(k AS DOUBLE PRECISION)) / sqrt(variance) AS z
    FROM (
      SELECT *, CAST(k * other_squares - other_sum * other_sum AS DOUBLE PRECISION) / CAST(k * (k - 1) AS DOUBLE PRECISION) AS variance
      FROM (
        SELECT r.tx_id, r.occurred_at, r.customer_id, r.account_id, r.merchant, r.category, r.normalized_amount, r.cents,
          CAST(g.n - 1 AS HUGEINT) AS k, g.total - r.cents AS other_sum, g.squares - r.cents * r.cents AS other_squares
        FROM ${near} AS r JOIN ${groups} AS g ON g.customer_id = r.customer_id AND g.category = r.category
        WHERE g.n > ${ANOMALY_MIN_OBSERVATIONS} AND ${nearCondition}
      )
    )
    WHERE variance > 0 AND abs((CAST(cents * k - other_sum AS DOUBLE PRECISION) / CAST(k AS DOUBLE PRECISION)) / sqrt(variance)) >= ${ANOMALY_Z_THRESHOLD}`;
}

/** A fact-shaped relation's spend rows with a customer, as near-row columns. */
export function spendPointsSql(fact: string, condition = 'TRUE'): string {
  return `SELECT tx_id, occurred_at, customer_id, account_id, merchant, category, normalized_amount, ${CENTS_SQL} AS cents
    FROM ${fact} WHERE is_spend AND customer_id IS NOT NULL AND ${condition}`;
}
