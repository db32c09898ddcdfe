import { z } from 'zod';
import type { Logger } from '@ledgerline/logging';
import { DEFAULT_CHUNK_SIZE } from './store/bulk-upsert.ts';

/** Options of createPostgresStore; validated, because they come straight from configuration. */
export const postgresStoreOptionsSchema = z.object({
  /** postgres://... selects real PostgreSQL; without it the store runs on embedded PGlite. */
  url: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** PGlite data directory (default data/pglite); `memory://` keeps everything in memory (tests). */
  pgliteDir: z.string().min(1).default('data/pglite'),
  /** Pool size for PostgreSQL (default 8). PGlite always uses exactly one connection. */
  poolSize: z.number().int().min(1).max(100).default(8),
  /** Rows per upsert statement. */
  chunkSize: z.number().int().min(1).max(100_000).default(DEFAULT_CHUNK_SIZE),
});

export type PostgresStoreOptions = z.input<typeof postgresStoreOptionsSchema> & { logger?: Logger };
