import type { z } from 'zod';
import type { QuarantineReport } from '../model/quarantine-report.ts';
import type { SourceId } from '../model/price-bar.ts';

/**
 * Re-checks what an adapter returned against the port's schema. An adapter bug must not write a
 * wrong row: the record is quarantined with the failing field instead.
 */
export function validateItems<T>(
  schema: z.ZodType<T>,
  items: readonly unknown[],
  context: { source: SourceId; endpoint: string; receivedAt: string },
): { valid: T[]; quarantined: QuarantineReport[] } {
  const valid: T[] = [];
  const quarantined: QuarantineReport[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      valid.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    quarantined.push({
      source: context.source,
      endpoint: context.endpoint,
      field: `[${index}]${issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : ''}`,
      reason: issue?.message ?? 'invalid',
      receivedAt: context.receivedAt,
      rawBody: JSON.stringify(item) ?? 'undefined',
    });
  });
  return { valid, quarantined };
}
