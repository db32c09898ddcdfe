import { METRIC_CATALOG, METRIC_NAMES, type AnalyticsStore, type MetricInput, type MetricName } from '@ledgerline/analytics';
import { z } from 'zod';
import { defineTool, ToolError } from './agent-tool.ts';
import { capRows } from './cap-rows.ts';

/** `dataAsOf` is not a parameterised metric but the planner needs it for relative dates. */
export const METRICS_TOOL_NAMES = [...METRIC_NAMES, 'dataAsOf'] as const;
export type MetricsToolName = MetricName | 'dataAsOf';

// One flat argument object rather than a per-metric union: tool-calling models (Gemini) handle
// flat optional fields far better than oneOf schemas. Each metric takes the subset its own
// params schema declares (METRIC_CATALOG) and rejects the rest with a clear message.
export const metricsArgsSchema = z.object({
  metric: z.enum(METRICS_TOOL_NAMES as unknown as [MetricsToolName, ...MetricsToolName[]]).describe('which named metric to run'),
  customerId: z.string().optional().describe('exact customer id, e.g. C-000042'),
  accountId: z.string().optional().describe('exact account id, e.g. A-000042-1'),
  from: z.string().optional().describe('first UTC day, YYYY-MM-DD (inclusive)'),
  to: z.string().optional().describe('last UTC day, YYYY-MM-DD (inclusive)'),
  category: z.string().optional().describe('exact category name, e.g. Groceries (use search to find it)'),
  grain: z.enum(['day', 'week', 'month']).optional().describe('spendByPeriod and spendByCategoryOverTime'),
  level: z.enum(['category', 'subcategory', 'city', 'state', 'country']).optional().describe('spendByCategory: category|subcategory; spendByLocation: city|state|country'),
  limit: z.number().int().min(1).max(1000).optional().describe('top-N for topMerchants, recurringPayments, anomalies, search'),
  month: z.string().optional().describe('YYYY-MM for kpis and monthOverMonth'),
  text: z.string().optional().describe('search only: text contained in a merchant, category or subcategory name'),
});
export type MetricsArgs = z.output<typeof metricsArgsSchema>;

type MetricCall = { [N in MetricName]: (store: AnalyticsStore, params: MetricInput<N>) => Promise<unknown> };
const CALL: MetricCall = {
  spendByPeriod: (s, p) => s.spendByPeriod(p),
  spendByCategory: (s, p) => s.spendByCategory(p),
  spendByCategoryOverTime: (s, p) => s.spendByCategoryOverTime(p),
  topMerchants: (s, p) => s.topMerchants(p),
  spendByChannel: (s, p) => s.spendByChannel(p),
  spendByLocation: (s, p) => s.spendByLocation(p),
  cashflow: (s, p) => s.cashflow(p),
  recurringPayments: (s, p) => s.recurringPayments(p),
  balancesOverTime: (s, p) => s.balancesOverTime(p),
  anomalies: (s, p) => s.anomalies(p),
  monthOverMonth: (s, p) => s.monthOverMonth(p),
  search: (s, p) => s.search(p),
  kpis: (s, p) => s.kpis(p),
};

/** The params keys a metric's schema declares. */
function acceptedKeys(metric: MetricName): string[] {
  const schema: z.ZodType = METRIC_CATALOG[metric].params;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The metric's params from the flat arguments, validated by the metric's own schema. */
export function metricParams(args: MetricsArgs): Record<string, unknown> {
  const { metric, ...rest } = args;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (metric === 'dataAsOf') return {};
  const accepted = acceptedKeys(metric);
  const unsupported = Object.keys(given).filter((k) => !accepted.includes(k));
  if (unsupported.length > 0) {
    throw new ToolError(`${metric} does not take ${unsupported.join(', ')}; it takes ${accepted.join(', ')}`);
  }
  const parsed = METRIC_CATALOG[metric].params.safeParse(given);
  if (!parsed.success) throw new ToolError(`invalid ${metric} params: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  return given;
}

/** Row cap for what goes back to the model; the full result still drives offline answers. */
const MODEL_ROW_CAP = 200;

/** The `metrics` tool: the named analytics queries (preferred over SQL: definitions are fixed). */
export function createMetricsTool(store: AnalyticsStore) {
  const list = METRIC_NAMES.map((n) => `${n} (${METRIC_CATALOG[n].description})`).join('; ');
  return defineTool({
    name: 'metrics',
    description:
      `Runs a named analytics metric with exact definitions (spend = counted DEBIT rows, income = counted CREDIT rows, ` +
      `transfers and reversed/declined rows excluded; money in the base currency as decimal strings). Metrics: ${list}; ` +
      `dataAsOf (freshness and the latest transaction time). Prefer this tool over sql.`,
    schema: metricsArgsSchema,
    async run(args) {
      const params = metricParams(args);
      const result = args.metric === 'dataAsOf' ? await store.dataAsOf() : await CALL[args.metric](store, params as never);
      return {
        content: { metric: args.metric, params, result: capRows(result, MODEL_ROW_CAP) },
        sources: [{ kind: 'metric', metric: args.metric, params }],
      };
    },
  });
}
