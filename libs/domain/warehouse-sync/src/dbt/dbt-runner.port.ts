import { token } from '@ledgerline/di';

/** One dbt node that did not succeed (a model that errored, a test that failed or errored). */
export interface DbtNodeFailure {
  /** e.g. `test.ledgerline.not_null_stg_transactions_tx_id`. */
  readonly uniqueId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly message: string | null;
}

/** What a `dbt build` did, from its target/run_results.json. */
export interface DbtBuildSummary {
  readonly modelsBuilt: number;
  readonly testsPassed: number;
  readonly testsFailed: number;
  readonly testsWarned: number;
  readonly skipped: number;
  readonly failures: readonly DbtNodeFailure[];
  readonly elapsedSeconds: number | null;
}

/** Runs `dbt build` over the warehouse the sync just loaded. */
export interface DbtRunner {
  build(): Promise<DbtBuildSummary>;
}

export const DBT_RUNNER = token<DbtRunner>('DbtRunner');
