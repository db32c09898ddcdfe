import { z } from 'zod';
import { SourceIdSchema } from './price-bar.ts';
import { UtcInstantSchema } from './utc-time.ts';

/**
 * A response (or one record of it) that did not have the shape the adapter decodes. It is kept,
 * not dropped: the report names the source, the field and the reason, and carries the raw text so
 * nothing is lost while the run goes on with the other sources.
 */
export const QuarantineReportSchema = z.object({
  source: SourceIdSchema,
  endpoint: z.string().min(1),
  /** Dotted path of the offending field ("[3].lastPrice"), or "(response)" for the whole body. */
  field: z.string().min(1),
  reason: z.string().min(1),
  receivedAt: UtcInstantSchema,
  /** The response body (truncated by the adapter if very large). */
  rawBody: z.string(),
});
export type QuarantineReport = z.infer<typeof QuarantineReportSchema>;
