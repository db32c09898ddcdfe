import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import { DbtRunError, ProcessDbtRunner } from './process-dbt-runner.ts';

// A stand-in for tools/dbt/dbt.sh: a shell script that writes run_results.json and exits.
describe('ProcessDbtRunner', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'dbt-runner-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runner = (script: string) => {
    const path = join(dir, 'fake-dbt.sh');
    writeFileSync(path, script);
    return new ProcessDbtRunner({
      command: ['bash', path, 'build'],
      cwd: dir,
      runResultsPath: join(dir, 'target', 'run_results.json'),
      env: { ...process.env, RESULT_DIR: join(dir, 'target') },
      logger: silentLogger,
    });
  };
  const results = (entries: Array<[string, string]>) =>
    JSON.stringify({ results: entries.map(([unique_id, status]) => ({ unique_id, status, message: status === 'fail' ? 'Got 3 results' : null })) });

  it('summarises a successful build from the run_results.json it wrote', async () => {
    const json = results([
      ['model.ledgerline.stg_transactions', 'success'],
      ['test.ledgerline.unique_tx', 'pass'],
    ]);
    const summary = await runner(`mkdir -p "$RESULT_DIR" && echo '${json}' > "$RESULT_DIR/run_results.json" && echo "Completed successfully"`).build();
    expect(summary).toMatchObject({ modelsBuilt: 1, testsPassed: 1, testsFailed: 0, failures: [] });
  });

  it('returns the failed tests when dbt exits non-zero after a test failure', async () => {
    const json = results([
      ['model.ledgerline.stg_transactions', 'success'],
      ['test.ledgerline.not_null_amount', 'fail'],
    ]);
    const summary = await runner(`mkdir -p "$RESULT_DIR" && echo '${json}' > "$RESULT_DIR/run_results.json"; exit 1`).build();
    expect(summary.failures.map((f) => f.uniqueId)).toEqual(['test.ledgerline.not_null_amount']);
  });

  it('fails with the output tail when dbt dies without results, or left only stale ones', async () => {
    const error = await runner(`echo "Parsing Error in model foo" >&2; exit 2`).build().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtRunError);
    expect((error as Error).message).toContain('exited with 2');
    expect((error as Error).message).toContain('Parsing Error in model foo');
  });

  it('fails clearly when the script cannot be started', async () => {
    const missing = new ProcessDbtRunner({
      command: [join(dir, 'no-such-program')],
      cwd: dir,
      runResultsPath: join(dir, 'run_results.json'),
      env: process.env,
      logger: silentLogger,
    });
    await expect(missing.build()).rejects.toThrow(/cannot start/);
  });
});
