import { z } from 'zod';

export const emulatorOptionsSchema = z.object({
  /** TCP port; 0 picks a free one. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** Interface to listen on. Keep it local: the emulator has no real security. */
  host: z.string().min(1).default('127.0.0.1'),
  /** DuckDB database file, or ':memory:'. */
  dbPath: z.string().min(1).default(':memory:'),
  /** Where stage files live; a fresh temp directory (removed on close) when unset. */
  stageDir: z.string().min(1).optional(),
  /** Users allowed to log in; with none, any user name and password are accepted. */
  users: z.array(z.object({ name: z.string().min(1), password: z.string().optional() })).default([]),
});

export type EmulatorOptions = z.input<typeof emulatorOptionsSchema>;
