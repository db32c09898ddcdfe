import type { z } from 'zod';
import type { searchParamsSchema } from '../metrics/metric-params.ts';
import type { SearchRow } from '../metrics/metric-rows.ts';
import { decimalToMoney, toCount } from '../metrics/money-text.ts';
import {
  definitionsSql,
  filterConditions,
  moneyText,
  nullableText,
  SqlParams,
  text,
  transactionsFrom,
  where,
  type MetricQuery,
  type MetricSqlContext,
} from './metric-query.ts';
import { rollupFilterConditions, rollupServes } from './serving-tables.ts';

const KINDS = ['merchant', 'category', 'subcategory'] as const;

/**
 * Merchants, categories and subcategories whose name contains `text` (case-insensitive, a plain
 * substring: no wildcards to escape). Most transactions first, then kind and value.
 */
export function searchQuery(ctx: MetricSqlContext, p: z.output<typeof searchParamsSchema>): MetricQuery<SearchRow[]> {
  const params = new SqlParams();
  const serving = ctx.source.serving;
  // The merchant rollup already holds (day, merchant, category, subcategory) groups.
  const grouped = rollupServes(serving, p)
    ? `SELECT merchant, category, subcategory, sum(n) AS n, sum(spend) AS spend
      FROM ${serving.rollups.daily_merchant} ${where(rollupFilterConditions(p, params))}
      GROUP BY merchant, category, subcategory`
    : `SELECT merchant, category, subcategory, count(*) AS n, sum(normalized_amount) FILTER (WHERE ${definitionsSql(ctx).spend}) AS spend
      FROM ${transactionsFrom(ctx)} ${where(filterConditions(ctx, p, params))}
      GROUP BY merchant, category, subcategory`;
  const needle = params.add(p.text.toLowerCase());
  const { binaryOrder } = ctx.dialect;
  // One scan groups the filtered rows by (merchant, category, subcategory); the text match and the
  // three roll-ups then run on those few thousand groups instead of on every transaction.
  const branch = (kind: (typeof KINDS)[number], parent: string) => `
      SELECT '${kind}' AS kind, ${kind} AS value, ${parent} AS category, sum(n) AS n, ${moneyText('sum(spend)')} AS spend
      FROM grouped WHERE ${kind} IS NOT NULL AND strpos(lower(${kind}), ${needle}) > 0 GROUP BY ${kind}`;
  const sql = `WITH grouped AS (${grouped})
    SELECT * FROM (
      ${branch('merchant', `min(${binaryOrder('category')})`)}
      UNION ALL ${branch('category', 'CAST(NULL AS VARCHAR)')}
      UNION ALL ${branch('subcategory', `min(${binaryOrder('category')})`)}
    ) AS found
    ORDER BY n DESC, kind, ${binaryOrder('value')}
    LIMIT ${ctx.dialect.limitCount(params.add(p.limit))}`;
  return {
    sql,
    params: params.values,
    decode: (rows) =>
      rows.map((r) => {
        const kind = text(r, 'kind');
        if (!(KINDS as readonly string[]).includes(kind)) throw new TypeError(`search: unexpected kind ${kind}`);
        return {
          kind: kind as SearchRow['kind'],
          value: text(r, 'value'),
          category: nullableText(r, 'category'),
          count: toCount(r.n),
          spend: decimalToMoney(r.spend),
        };
      }),
  };
}
