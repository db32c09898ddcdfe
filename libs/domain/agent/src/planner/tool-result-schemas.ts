import { moneySchema } from '@ledgerline/transactions';
import { z } from 'zod';
import type { ToolResult } from './turn-results.ts';

// What the offline planner reads back from its tools: the metrics tool's `result` (rows of the
// AnalyticsStore port), the sql tool's rows and the search tool's documents. Tool output is an
// edge like any other, so it is parsed, and a surprise is an honest failure, not a guess.

const count = z.coerce.number().int().nonnegative();

export const dataAsOfSchema = z.object({
  last_sync_at: z.string().nullable(),
  latest_transaction_at: z.string().nullable(),
  source: z.string(),
});
export const categoryRowSchema = z.object({ category: z.string(), subcategory: z.string().nullable(), spend: moneySchema, count });
export const merchantRowSchema = z.object({ merchant: z.string(), spend: moneySchema, count });
export const channelRowSchema = z.object({ channel: z.string(), spend: moneySchema, count });
export const locationRowSchema = z.object({ location: z.string().nullable(), country: z.string().nullable(), spend: moneySchema, count });
export const periodRowSchema = z.object({ period: z.string(), spend: moneySchema, income: moneySchema, net: moneySchema, count });
export const cashflowRowSchema = z.object({ month: z.string(), income: moneySchema, spend: moneySchema, net: moneySchema, count });
export const recurringRowSchema = z.object({
  merchant: z.string(),
  category: z.string(),
  payments: count,
  months_seen: count,
  typical_amount: moneySchema,
  total: moneySchema,
  last_date: z.string(),
});
export const balanceRowSchema = z.object({ date: z.string(), balance: moneySchema, currency: z.string() });
export const anomalyRowSchema = z.object({
  tx_id: z.string(),
  occurred_at: z.string(),
  customer_id: z.string().nullable(),
  merchant: z.string().nullable(),
  category: z.string(),
  amount: moneySchema,
  mean: moneySchema,
  z_score: z.number(),
});
export const momRowSchema = z.object({ category: z.string(), spend: moneySchema, previous_spend: moneySchema, change: moneySchema, pct_change: z.number().nullable() });
const monthFigures = z.object({ month: z.string(), spend: moneySchema, income: moneySchema, net: moneySchema, count });
export const kpisSchema = monthFigures.extend({
  previous: monthFigures,
  change: z.object({ spend: moneySchema, income: moneySchema, net: moneySchema, count: z.number(), spend_pct: z.number().nullable(), income_pct: z.number().nullable() }),
});
export const searchRowSchema = z.object({ kind: z.enum(['merchant', 'category', 'subcategory']), value: z.string(), category: z.string().nullable(), count, spend: moneySchema });
export const customerSpendRowSchema = z.object({ customer: z.string(), spend: moneySchema, count });
export const totalsRowSchema = z.object({ spend: moneySchema, spend_count: count, income: moneySchema, counted: count });
export const largestRowSchema = z.object({ tx_id: z.string(), day: z.string(), merchant: z.string().nullable(), category: z.string(), amount: moneySchema });
export const merchantLookupRowSchema = z.object({ merchant: z.string(), transactions: count });
export const coverageRowSchema = z.object({ first_day: z.string().nullable(), last_day: z.string().nullable() });
export const accountRowSchema = z.object({ account_id: z.string(), account_type: z.string(), currency: z.string(), balance: moneySchema });
export const documentSchema = z.object({ id: z.string(), title: z.string(), score: z.number(), text: z.string(), metadata: z.record(z.string(), z.unknown()) });
export const schemaRelationSchema = z.object({
  relation: z.string(),
  kind: z.string(),
  description: z.string().nullable(),
  columns: z.array(z.object({ name: z.string(), type: z.string(), description: z.string().nullable() })),
});

/** A tool failed or answered in an unexpected shape; the planner says so instead of guessing. */
export class PlannerFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlannerFailure';
  }
}

function payload(result: ToolResult, field: string): unknown {
  if (!result.ok) throw new PlannerFailure(result.error ?? 'a tool failed');
  const content = result.content;
  if (typeof content !== 'object' || content === null || !(field in content)) throw new PlannerFailure(`unexpected tool output (no ${field})`);
  return (content as Record<string, unknown>)[field];
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PlannerFailure(`unexpected ${what} output: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** The metrics tool's result as rows (unwrapping a capped `{ rows, total, truncated }`). */
export function metricRows<T>(result: ToolResult, row: z.ZodType<T>): T[] {
  const value = payload(result, 'result');
  const rows = Array.isArray(value) ? value : typeof value === 'object' && value !== null && 'rows' in value ? (value as { rows: unknown }).rows : value;
  return parse(z.array(row), rows, 'metric');
}

/** The metrics tool's result as one object (dataAsOf, kpis). */
export function metricObject<T>(result: ToolResult, schema: z.ZodType<T>): T {
  return parse(schema, payload(result, 'result'), 'metric');
}

export function sqlRows<T>(result: ToolResult, row: z.ZodType<T>): T[] {
  return parse(z.array(row), payload(result, 'rows'), 'sql');
}

export function searchDocuments(result: ToolResult): Array<z.output<typeof documentSchema>> {
  return parse(z.array(documentSchema), payload(result, 'documents'), 'search');
}

export function schemaRelations(result: ToolResult): Array<z.output<typeof schemaRelationSchema>> {
  return parse(z.array(schemaRelationSchema), payload(result, 'relations'), 'schema');
}
