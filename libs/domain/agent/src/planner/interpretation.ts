import { z } from 'zod';

/**
 * What the planner understood a question to ask, between the words and the SQL (issue #20):
 * shown with every answer ("Interpreted as: ..."), so a reader sees each filter and period that
 * was applied, and validated with zod wherever it crosses a boundary.
 */
export const interpretationSchema = z.object({
  measure: z.string().min(1),
  dimensions: z.array(z.string()),
  filters: z.array(z.object({ field: z.enum(['customer', 'account', 'category', 'subcategory', 'merchant', 'channel', 'country']), value: z.string().min(1) })),
  /** Inclusive UTC days; two for a comparison (earlier first). */
  time: z.array(z.object({ from: z.string(), to: z.string(), label: z.string() })),
  comparison: z.enum(['none', 'change']),
  ranking: z.object({ top: z.number().int().positive(), excludesUnknown: z.boolean() }).optional(),
  /** Said with the answer: a range clipped to the data, an unknown value left out... */
  notes: z.array(z.string()),
});

export type Interpretation = z.infer<typeof interpretationSchema>;

/** "spend · customer C-000033 · 2026-10 vs 2026-09 · change". */
export function describeInterpretation(raw: Interpretation): string {
  const i = interpretationSchema.parse(raw);
  const parts = [i.measure.replace(/_/g, ' ')];
  for (const d of i.dimensions) parts.push(`by ${d}`);
  for (const f of i.filters) parts.push(`${f.field} ${f.value}`);
  if (i.time.length === 0) parts.push('all data');
  else parts.push(i.time.map((t) => (t.from === t.to ? t.from : `${t.from}..${t.to}`)).join(' vs '));
  if (i.comparison === 'change') parts.push('change');
  if (i.ranking) parts.push(`top ${i.ranking.top}${i.ranking.excludesUnknown ? ' (unknown values excluded)' : ''}`);
  return `Interpreted as: ${parts.join(' · ')}.${i.notes.length > 0 ? ` Note: ${i.notes.join('; ')}.` : ''}`;
}
