import { divideHalfEven, fromCents } from '@ledgerline/transactions';
import type { z } from 'zod';
import { ANOMALY_MIN_OBSERVATIONS, ANOMALY_Z_THRESHOLD } from '../metrics/metric-definitions.ts';
import type { anomaliesParamsSchema } from '../metrics/metric-params.ts';
import type { AnomalyRow } from '../metrics/metric-rows.ts';
import { decimalToMoney, toCount } from '../metrics/money-text.ts';
import {
  definitionsSql,
  filterConditions,
  float,
  integer,
  isoFromMicros,
  moneyText,
  nullableText,
  SqlParams,
  text,
  where,
  type MetricQuery,
  type MetricSqlContext,
} from './metric-query.ts';

/**
 * Anomalies (metric-definitions.ts): each spend row against the customer's OTHER spend rows in
 * its category (leave-one-out). The sums are exact integers of cents - sum, sum of squares, and
 * the variance numerator n*sum(x^2) - sum(x)^2 - and only the last division and the square root
 * are floating point, so DuckDB, Postgres and the TypeScript check agree to the last bit and the
 * result does not depend on row order. The statistics use the whole history; the filters only
 * choose which flagged rows come back. Largest |z| first, then tx_id.
 */
export function anomaliesQuery(ctx: MetricSqlContext, p: z.output<typeof anomaliesParamsSchema>): MetricQuery<AnomalyRow[]> {
  const { dialect, source } = ctx;
  const params = new SqlParams();
  let flagged: string;
  let conditions: string[];
  if (source.serving) {
    // Precomputed by the serving layer for every customer and category (anomalyScoresSql); the
    // statistics do not depend on the filters, so every filter just selects rows.
    flagged = source.serving.anomalies;
    conditions = filterConditions(ctx, p, params);
  } else {
    // The statistics are per customer and category, so narrowing to a customer, to the customer
    // of an account, or to a category changes no statistic: those filters go into the first scan.
    // Dates and the account itself only choose which flagged rows come back.
    const population: string[] = [];
    if (p.customerId !== undefined) population.push(`customer_id = ${params.add(p.customerId)}`);
    if (p.accountId !== undefined) {
      population.push(`customer_id IN (SELECT a.customer_id FROM ${source.accounts()} AS a WHERE a.account_id = ${params.add(p.accountId)})`);
    }
    if (p.category !== undefined) population.push(`category = ${params.add(p.category)}`);
    const { customerId: _c, category: _k, ...rowFilters } = p;
    flagged = `(${anomalyScoresSql(ctx, population)})`;
    conditions = [`abs(z) >= ${ANOMALY_Z_THRESHOLD}`, ...filterConditions(ctx, rowFilters, params)];
  }
  const sql = `SELECT tx_id, ${dialect.epochMicros('occurred_at')} AS occurred_us, customer_id, account_id, merchant, category,
      ${moneyText('normalized_amount')} AS amount, CAST(other_sum AS VARCHAR) AS other_sum, CAST(k AS VARCHAR) AS k,
      CAST(z AS DOUBLE PRECISION) AS z
    FROM ${flagged} AS flagged
    ${where(conditions)}
    ORDER BY abs(z) DESC, ${dialect.binaryOrder('tx_id')}
    LIMIT ${dialect.limitCount(params.add(p.limit))}`;
  return {
    sql,
    params: params.values,
    decode: (rows) =>
      rows.map((r) => {
        const observations = toCount(r.k);
        return {
          tx_id: text(r, 'tx_id'),
          occurred_at: isoFromMicros(r, 'occurred_us'),
          customer_id: nullableText(r, 'customer_id'),
          account_id: text(r, 'account_id'),
          merchant: nullableText(r, 'merchant'),
          category: text(r, 'category'),
          amount: decimalToMoney(r.amount),
          // other_sum is exact cents: the mean is rounded once, half-even, to the cent.
          mean: fromCents(divideHalfEven(integer(r, 'other_sum'), BigInt(observations))),
          z_score: float(r, 'z'),
          observations,
        };
      }),
  };
}

/**
 * Every spend row of the population (conditions over the transactions subquery, e.g. one
 * customer) with its leave-one-out statistics: tx_id, occurred_at, customer_id, account_id,
 * merchant, category, normalized_amount, other_sum and k (exact integers), z (double; rows whose
 * others all equal are left out). Flagged rows are those with abs(z) >= ANOMALY_Z_THRESHOLD.
 */
export function anomalyScoresSql(ctx: MetricSqlContext, population: readonly string[]): string {
  const { dialect, source } = ctx;
  const wide = dialect.wideIntegerType;
  return `WITH spend AS (
      SELECT tx_id, occurred_at, customer_id, account_id, merchant, category, normalized_amount,
        CAST(CAST(normalized_amount * 100 AS BIGINT) AS ${wide}) AS cents
      FROM ${source.transactions({ withCustomer: true })} AS t
      WHERE ${[definitionsSql(ctx).spend, 'customer_id IS NOT NULL', ...population].join(' AND ')}
    ),
    sums AS (
      SELECT customer_id, category, count(*) AS n, sum(cents) AS total, sum(cents * cents) AS squares
      FROM spend GROUP BY customer_id, category HAVING count(*) > ${ANOMALY_MIN_OBSERVATIONS}
    ),
    others AS (
      SELECT s.tx_id, s.occurred_at, s.customer_id, s.account_id, s.merchant, s.category, s.normalized_amount, s.cents,
        CAST(st.n - 1 AS ${wide}) AS k, st.total - s.cents AS other_sum, st.squares - s.cents * s.cents AS other_squares
      FROM spend AS s JOIN sums AS st ON st.customer_id = s.customer_id AND st.category = s.category
    ),
    stats AS (
      SELECT *, CAST(k * other_squares - other_sum * other_sum AS DOUBLE PRECISION) / CAST(k * (k - 1) AS DOUBLE PRECISION) AS variance
      FROM others
    )
    SELECT tx_id, occurred_at, customer_id, account_id, merchant, category, normalized_amount, other_sum, k,
      (CAST(cents * k - other_sum AS DOUBLE PRECISION) / CAST(k AS DOUBLE PRECISION)) / sqrt(variance) AS z
    FROM stats WHERE variance > 0`;
}
