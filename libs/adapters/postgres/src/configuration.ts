import { z } from 'zod';
import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import type { Logger } from '@ledgerline/logging';
import { DEFAULT_CHUNK_SIZE } from './store/bulk-upsert.ts';

/** Options of createPostgresStore; validated, because they come straight from configuration. */
export const postgresStoreOptionsSchema = z.object({
  /** postgres://... selects real PostgreSQL; without it the store runs on embedded PGlite. */
  url: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** PGlite data directory (default data/pglite); `memory://` keeps everything in memory (tests). */
  pgliteDir: z.string().min(1).default('data/pglite'),
  /**
   * PGlite only: let V8 recompile hot PGlite functions with its optimizing compiler (default off:
   * one such compile takes ~600 MB for seconds; client/pglite-wasm-tier.ts).
   */
  pgliteWasmOptimize: z.boolean().default(false),
  /** PGlite only: its buffer cache (PostgreSQL's shared_buffers, in this process), e.g. `2MB` (client/pglite-server.ts). */
  pgliteSharedBuffers: z.string().regex(/^\d+(kB|MB)$/).default('2MB'),
  /** Pool size for PostgreSQL (default 8). PGlite always uses exactly one connection. */
  poolSize: z.number().int().min(1).max(100).default(8),
  /** Rows per upsert statement. */
  chunkSize: z.number().int().min(1).max(100_000).default(DEFAULT_CHUNK_SIZE),
});

export type PostgresStoreOptions = z.input<typeof postgresStoreOptionsSchema> & { logger?: Logger };

/** The environment variables the adapter reads (names and meaning in .env.example). */
export type PostgresEnv = Pick<LedgerlineEnv, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATA_DIR'> & Partial<Pick<LedgerlineEnv, 'PGLITE_WASM_OPTIMIZE' | 'PGLITE_SHARED_BUFFERS'>>;

/**
 * The one rule every app uses to open the operational store from its environment: PostgreSQL at
 * DATABASE_URL with DATABASE_POOL_SIZE connections, else PGlite in DATA_DIR/pglite (resolved
 * against the working directory, so the lock and the files are the same whichever app opens
 * them). `poolSize` lets a process that needs fewer connections (a CLI) ask for them.
 */
export function postgresOptionsFromEnv(env: PostgresEnv, overrides: { poolSize?: number } = {}): z.input<typeof postgresStoreOptionsSchema> {
  return {
    url: env.DATABASE_URL,
    pgliteDir: resolve(env.DATA_DIR, 'pglite'),
    ...(env.PGLITE_WASM_OPTIMIZE !== undefined ? { pgliteWasmOptimize: env.PGLITE_WASM_OPTIMIZE } : {}),
    ...(env.PGLITE_SHARED_BUFFERS !== undefined ? { pgliteSharedBuffers: env.PGLITE_SHARED_BUFFERS } : {}),
    // PGlite always has exactly one connection (a declared capability, see PostgresCapabilities).
    ...(env.DATABASE_URL ? { poolSize: overrides.poolSize ?? env.DATABASE_POOL_SIZE } : {}),
  };
}
