import { z } from 'zod';

/**
 * Resource limits of every DuckDB database this process opens (DUCKDB_MEMORY_LIMIT, DUCKDB_THREADS).
 * Process-wide, like the instances themselves (shared-instances.ts): one file is one instance per
 * process whoever opens it, so the limits cannot differ by caller. Unset means DuckDB's own
 * defaults (80% of RAM, one thread per core).
 */
export const duckDbInstanceSettingsSchema = z.object({
  /** e.g. `2GB`, `512MiB` or `50%` (of RAM), as DuckDB's `memory_limit` takes it. */
  memoryLimit: z
    .string()
    .trim()
    .regex(/^(\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)|\d{1,2}(\.\d+)?%)$/i, 'expected a size such as 2GB or 512MiB, or a percentage such as 50%')
    .optional(),
  /** Worker threads per database. */
  threads: z.number().int().min(1).max(256).optional(),
});
export type DuckDbInstanceSettings = z.output<typeof duckDbInstanceSettingsSchema>;

let current: DuckDbInstanceSettings = {};

/** Sets the limits of the databases opened from now on (already open files keep theirs). */
export function configureDuckDbInstances(settings: z.input<typeof duckDbInstanceSettingsSchema>): void {
  current = duckDbInstanceSettingsSchema.parse(settings);
}

/** The DuckDB configuration options for a new instance: the process's limits, plus the caller's own. */
export function instanceOptions(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(current.memoryLimit ? { memory_limit: current.memoryLimit } : {}),
    ...(current.threads ? { threads: String(current.threads) } : {}),
    ...extra,
  };
}
