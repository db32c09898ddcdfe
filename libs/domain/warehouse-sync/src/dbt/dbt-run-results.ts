import { z } from 'zod';
import type { DbtBuildSummary, DbtNodeFailure } from './dbt-runner.port.ts';

// The parts of dbt's target/run_results.json (schema v6) we rely on; everything else is ignored.
const runResultSchema = z.object({
  unique_id: z.string(),
  status: z.string(),
  message: z.string().nullable().optional(),
  failures: z.number().nullable().optional(),
});

const runResultsSchema = z.object({
  results: z.array(runResultSchema),
  elapsed_time: z.number().optional(),
});

const MODEL_LIKE = new Set(['model', 'seed', 'snapshot']);
const TEST_LIKE = new Set(['test', 'unit_test']);

/** Parses run_results.json into counts and the list of nodes that failed, naming each. */
export function parseDbtRunResults(json: unknown): DbtBuildSummary {
  const parsed = runResultsSchema.parse(json);
  let modelsBuilt = 0;
  let testsPassed = 0;
  let testsFailed = 0;
  let testsWarned = 0;
  let skipped = 0;
  const failures: DbtNodeFailure[] = [];
  for (const result of parsed.results) {
    const resourceType = result.unique_id.split('.')[0] ?? 'unknown';
    const failure = (): void =>
      void failures.push({ uniqueId: result.unique_id, resourceType, status: result.status, message: result.message ?? null });
    if (result.status === 'skipped') {
      skipped += 1;
    } else if (MODEL_LIKE.has(resourceType)) {
      if (result.status === 'success') modelsBuilt += 1;
      else failure();
    } else if (TEST_LIKE.has(resourceType)) {
      if (result.status === 'pass') testsPassed += 1;
      else if (result.status === 'warn') testsWarned += 1;
      else {
        testsFailed += 1;
        failure();
      }
    } else if (result.status === 'error' || result.status === 'fail') {
      failure();
    }
  }
  return { modelsBuilt, testsPassed, testsFailed, testsWarned, skipped, failures, elapsedSeconds: parsed.elapsed_time ?? null };
}

/** dbt ran but something in the build failed; the message names every failed node. */
export class DbtBuildFailedError extends Error {
  constructor(readonly summary: DbtBuildSummary) {
    super(
      `dbt build failed: ${summary.failures
        .map((f) => `${f.uniqueId} ${f.status}${f.message ? ` (${f.message})` : ''}`)
        .join('; ')}`,
    );
    this.name = 'DbtBuildFailedError';
  }
}
