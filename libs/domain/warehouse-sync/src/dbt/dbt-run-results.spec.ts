import { describe, expect, it } from 'vitest';
import { DbtBuildFailedError, parseDbtRunResults } from './dbt-run-results.ts';

const result = (unique_id: string, status: string, message: string | null = null) => ({ unique_id, status, message, failures: null, timing: [] });

describe('parseDbtRunResults', () => {
  it('counts models built and tests passed, failed and warned, naming failures', () => {
    const summary = parseDbtRunResults({
      metadata: { dbt_version: '1.11.0' },
      elapsed_time: 3.5,
      results: [
        result('model.ledgerline.stg_transactions', 'success', 'OK'),
        result('model.ledgerline.fct_daily', 'success'),
        result('seed.ledgerline.mcc', 'success'),
        result('test.ledgerline.not_null_stg_transactions_tx_id.abc', 'pass'),
        result('test.ledgerline.unique_stg_transactions_tx_id.def', 'fail', 'Got 2 results, configured to fail if != 0'),
        result('unit_test.ledgerline.stg_transactions.test_x', 'pass'),
        result('test.ledgerline.accepted_values_x.ghi', 'warn'),
        result('model.ledgerline.broken', 'error', 'Binder Error'),
        result('model.ledgerline.downstream', 'skipped'),
      ],
    });
    expect(summary).toMatchObject({ modelsBuilt: 3, testsPassed: 2, testsFailed: 1, testsWarned: 1, skipped: 1, elapsedSeconds: 3.5 });
    expect(summary.failures.map((f) => f.uniqueId)).toEqual(['test.ledgerline.unique_stg_transactions_tx_id.def', 'model.ledgerline.broken']);
    const error = new DbtBuildFailedError(summary);
    expect(error.message).toContain('unique_stg_transactions_tx_id');
    expect(error.message).toContain('configured to fail');
  });

  it('rejects a file that is not run results', () => {
    expect(() => parseDbtRunResults({ nodes: {} })).toThrow();
  });
});
