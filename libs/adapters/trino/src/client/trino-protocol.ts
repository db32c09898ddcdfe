import { z } from 'zod';

// Trino's client protocol (POST /v1/statement, then GET each nextUri until there is none), the
// parts this adapter reads. Every response is decoded with these schemas at the edge.

export const trinoColumnSchema = z.object({ name: z.string(), type: z.string() });
export type TrinoColumn = z.infer<typeof trinoColumnSchema>;

export const trinoErrorSchema = z.object({
  message: z.string(),
  errorCode: z.number().optional(),
  errorName: z.string().optional(),
  /** USER_ERROR, INTERNAL_ERROR, INSUFFICIENT_RESOURCES or EXTERNAL. */
  errorType: z.string().optional(),
});
export type TrinoErrorBody = z.infer<typeof trinoErrorSchema>;

export const trinoResultsSchema = z.object({
  id: z.string(),
  nextUri: z.string().optional(),
  columns: z.array(trinoColumnSchema).optional(),
  // Values are decoded per column type afterwards (trino-values.ts).
  data: z.array(z.array(z.unknown())).optional(),
  stats: z.object({ state: z.string() }).partial().optional(),
  error: trinoErrorSchema.optional(),
  /** Set for statements that are not queries (INSERT, CREATE TABLE, ...). */
  updateType: z.string().optional(),
  updateCount: z.number().optional(),
});
export type TrinoResults = z.infer<typeof trinoResultsSchema>;
