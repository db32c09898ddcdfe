import { describeInterpretation, type Interpretation } from '../planner/interpretation.ts';
import type { AnswerSource } from '../tools/agent-tool.ts';

const FILTER_FIELDS = { customerId: 'customer', accountId: 'account', category: 'category' } as const;

/** "spendByCategory" -> "spend by category". */
function measureOf(metric: string): string {
  return metric.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The typed interpretation of one metric call. The call's arguments were validated by the
 * metrics tool's zod schema and the metric's own params schema before it ran, so what a chat
 * model asked for is as explicit as what the offline planner parses - and is shown the same way.
 */
export function interpretationOfMetricCall(metric: string, params: Readonly<Record<string, unknown>>): Interpretation {
  const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
  const filters: Interpretation['filters'] = [];
  for (const [key, field] of Object.entries(FILTER_FIELDS)) {
    const value = text(key);
    if (value) filters.push({ field, value });
  }
  const dimensions = [text('level'), text('grain')].filter((d): d is string => d !== undefined);
  const from = text('from');
  const to = text('to');
  const month = text('month');
  const time: Interpretation['time'] = [];
  if (from || to) time.push({ from: from ?? 'start of data', to: to ?? 'end of data', label: 'range' });
  else if (month) time.push({ from: month, to: month, label: month });
  const limit = params.limit;
  return {
    measure: measureOf(metric),
    dimensions,
    filters,
    time,
    comparison: metric === 'monthOverMonth' ? 'change' : 'none',
    ...(typeof limit === 'number' ? { ranking: { top: limit, excludesUnknown: false } } : {}),
    notes: [],
  };
}

/**
 * "Interpreted as: ..." for an answer a chat model wrote (issue #20: every answer carries its
 * interpretation): one part per metric it ran, and the SQL it wrote named as such (the SQL itself
 * is shown with the answer). Undefined when no data was read (a refusal, help, documents only).
 */
export function interpretationOfSources(sources: readonly AnswerSource[]): string | undefined {
  const parts: string[] = [];
  for (const source of sources) {
    if (source.kind === 'metric' && source.metric !== 'dataAsOf') {
      parts.push(describeInterpretation(interpretationOfMetricCall(source.metric, source.params)).replace(/^Interpreted as: /, '').replace(/\.$/, ''));
    } else if (source.kind === 'sql') {
      parts.push('a SQL query written by the model (shown below)');
    }
  }
  return parts.length === 0 ? undefined : `Interpreted as: ${[...new Set(parts)].join('; then ')}.`;
}
