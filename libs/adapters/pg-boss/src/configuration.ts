import { z } from 'zod';

/** Options of the pg-boss flow runner; every default is stated here. */
export const pgBossFlowRunnerOptionsSchema = z.object({
  /**
   * PostgreSQL the job tables live in (the operational database is fine: they get their own
   * schema). Absent when the runner is given a database handle instead (embedded mode).
   */
  connectionString: z.string().min(1).optional(),
  /** Schema pg-boss installs its tables in. */
  schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('ledgerline_flows'),
  /** How often an idle worker looks for runs (pg-boss' floor is 0.5 s). */
  pollingIntervalSeconds: z.number().min(0.5).default(2),
  /**
   * Only this process works the flows (embedded: PGlite opens in one process): a run still active
   * at start is an orphan of a stopped process and is failed at once (see failOrphans).
   */
  singleWorker: z.boolean().default(false),
  /**
   * How long stop() waits for running runs to finish (a dbt build can take minutes on a busy
   * machine); a run still going after it is abandoned and failed by the next start or heartbeat.
   */
  stopTimeoutSeconds: z.number().min(1).default(900),
  /** Connections pg-boss may hold. */
  maxConnections: z.number().int().min(2).max(50).default(4),
});
export type PgBossFlowRunnerOptions = z.input<typeof pgBossFlowRunnerOptionsSchema>;
export type ResolvedPgBossFlowRunnerOptions = z.output<typeof pgBossFlowRunnerOptionsSchema>;
