import { divideHalfEven, fromCents } from '@ledgerline/transactions';
import type { z } from 'zod';
import { ANOMALY_MIN_OBSERVATIONS, ANOMALY_Z_THRESHOLD } from '../metrics/metric-definitions.ts';
import type { anomaliesParamsSchema } from '../metrics/metric-params.ts';
import type { AnomalyRow } from '../metrics/metric-rows.ts';
import { decimalToCents, decimalToMoney, toCount } from '../metrics/money-text.ts';
import {
  filterConditions,
  float,
  isoFromMicros,
  moneyText,
  nullableText,
  SPEND_SQL,
  SqlParams,
  text,
  where,
  type MetricQuery,
  type MetricSqlContext,
} from './metric-query.ts';

/**
 * Anomalies: spend rows whose normalized_amount is at least ANOMALY_Z_THRESHOLD sample standard
 * deviations from the mean of their customer and category, once that pair has
 * ANOMALY_MIN_OBSERVATIONS spend rows. The statistics use the whole history; the filters only
 * choose which flagged rows come back. Largest |z| first, then tx_id.
 */
export function anomaliesQuery(ctx: MetricSqlContext, p: z.output<typeof anomaliesParamsSchema>): MetricQuery<AnomalyRow[]> {
  const { dialect, source } = ctx;
  const params = new SqlParams();
  const amount = 'CAST(normalized_amount AS DOUBLE PRECISION)';
  const conditions = [`abs(z) >= ${ANOMALY_Z_THRESHOLD}`, ...filterConditions(p, params)];
  const sql = `WITH spend AS (
      SELECT tx_id, occurred_at, customer_id, account_id, merchant, category, normalized_amount
      FROM ${source.transactions({ withCustomer: true })} AS t WHERE ${SPEND_SQL} AND customer_id IS NOT NULL
    ),
    stats AS (
      SELECT customer_id, category, count(*) AS observations, sum(normalized_amount) AS total,
        avg(${amount}) AS mean, stddev_samp(${amount}) AS sd
      FROM spend GROUP BY customer_id, category HAVING count(*) >= ${ANOMALY_MIN_OBSERVATIONS}
    ),
    scored AS (
      SELECT s.tx_id, s.occurred_at, s.customer_id, s.account_id, s.merchant, s.category, s.normalized_amount,
        st.observations, st.total, (${amount.replace('normalized_amount', 's.normalized_amount')} - st.mean) / st.sd AS z
      FROM spend AS s JOIN stats AS st ON st.customer_id = s.customer_id AND st.category = s.category
      WHERE st.sd > 0
    )
    SELECT tx_id, ${dialect.epochMicros('occurred_at')} AS occurred_us, customer_id, account_id, merchant, category,
      ${moneyText('normalized_amount')} AS amount, ${moneyText('total')} AS total, observations, CAST(z AS DOUBLE PRECISION) AS z
    FROM scored
    ${where(conditions)}
    ORDER BY abs(z) DESC, ${dialect.binaryOrder('tx_id')}
    LIMIT CAST(${params.add(p.limit)} AS INTEGER)`;
  return {
    sql,
    params: params.values,
    decode: (rows) =>
      rows.map((r) => {
        const observations = toCount(r.observations);
        return {
          tx_id: text(r, 'tx_id'),
          occurred_at: isoFromMicros(r, 'occurred_us'),
          customer_id: nullableText(r, 'customer_id'),
          account_id: text(r, 'account_id'),
          merchant: nullableText(r, 'merchant'),
          category: text(r, 'category'),
          amount: decimalToMoney(r.amount),
          // The mean from the exact total (half-even to the cent), not from the float average.
          mean: fromCents(divideHalfEven(decimalToCents(r.total), BigInt(observations))),
          z_score: float(r, 'z'),
          observations,
        };
      }),
  };
}
