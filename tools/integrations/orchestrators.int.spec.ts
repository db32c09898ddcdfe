import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot } from '@ledgerline/testing';

// The Airflow DAG and the Prefect flow of integrations/, loaded and run with the real libraries
// from PyPI (each in its own venv: tools/services/integrations-env.sh), against a stub of the
// Ledgerline CLI that records how it was called.

const FLOWS = ['batch-statements', 'market-prices', 'warehouse-sync', 'dbt-incremental', 'landing-load'];
const venvsSchema = z.object({ airflow: z.string(), prefect: z.string() });

function run(command: string, args: string[], env: Record<string, string>, timeoutMs: number) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}:\n${output.slice(-4000)}`);
  return output;
}

describe('integrations for teams on Airflow or Prefect', () => {
  const work = mkdtempSync(join(tmpdir(), 'orchestrators-'));
  const calls = join(work, 'calls.log');
  const stub = join(work, 'ledgerline-stub.sh');
  const home = join(work, 'checkout');
  let venvs: z.infer<typeof venvsSchema>;

  beforeAll(() => {
    // Cached per requirements file (~/.cache/ledgerline/integrations); a cold install takes minutes.
    const out = run('bash', [join(repoRoot(), 'tools', 'services', 'integrations-env.sh')], {}, 900_000);
    venvs = venvsSchema.parse(JSON.parse(out.trim().split('\n').at(-1) ?? ''));
    mkdirSync(home);
    writeFileSync(stub, `#!/bin/sh\necho "$(pwd) $*" >> "${calls}"\necho "stub ran $*"\nexit \${STUB_EXIT:-0}\n`);
    chmodSync(stub, 0o755);
  }, 900_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const stubEnv = () => ({ LEDGERLINE_CLI: `${stub} --`, LEDGERLINE_HOME: home });
  const called = () => readFileSync(calls, 'utf8').trim().split('\n');

  it('Airflow: DagBag imports the DAGs with no errors, one per flow, each calling `flows run <name>`', () => {
    const report = join(work, 'dagbag.json');
    const airflowEnv = { AIRFLOW_HOME: join(work, 'airflow'), AIRFLOW__CORE__LOAD_EXAMPLES: 'False' };
    run(venvs.airflow, [join(repoRoot(), 'tools', 'integrations', 'airflow_dagbag.py'), join(repoRoot(), 'integrations', 'airflow', 'dags'), report], airflowEnv, 180_000);
    const bag = JSON.parse(readFileSync(report, 'utf8')) as {
      errors: Record<string, string>;
      dags: Record<string, { tasks: string[]; schedule: string; max_active_runs: number; catchup: boolean; retries: number[]; commands: string[] }>;
    };
    expect(bag.errors).toEqual({});
    expect(Object.keys(bag.dags).sort()).toEqual(FLOWS.map((f) => `ledgerline_${f.replace(/-/g, '_')}`).sort());
    for (const dag of Object.values(bag.dags)) {
      expect(dag).toMatchObject({ tasks: ['flows_run'], max_active_runs: 1, catchup: false, retries: [0] });
      expect(dag.schedule).toMatch(/^[\d*/ ,-]+$/);
    }
    // The command the task runs, run by bash as the BashOperator would, against the stub.
    rmSync(calls, { force: true });
    const command = bag.dags.ledgerline_warehouse_sync?.commands[0] ?? '';
    expect(run('bash', ['-c', command], stubEnv(), 30_000)).toContain('stub ran -- flows run warehouse-sync');
    expect(called()).toEqual([`${home} -- flows run warehouse-sync`]);
    // A failing CLI fails the task: bash exits with its status.
    expect(spawnSync('bash', ['-c', command], { env: { ...process.env, ...stubEnv(), STUB_EXIT: '3' } }).status).toBe(3);

    // The check can fail: a DAG file that does not import is reported.
    const broken = join(work, 'broken-dags');
    mkdirSync(broken);
    writeFileSync(join(broken, 'broken.py'), 'from airflow.sdk import DAG\nfrom airflow.providers.standard.operators.bash import NoSuchOperator\n');
    run(venvs.airflow, [join(repoRoot(), 'tools', 'integrations', 'airflow_dagbag.py'), broken, report], airflowEnv, 180_000);
    expect(Object.values((JSON.parse(readFileSync(report, 'utf8')) as { errors: Record<string, string> }).errors).join()).toContain('NoSuchOperator');
  }, 300_000);

  it('Prefect: a real flow run calls `flows run <name>`, fails with the CLI, and refuses an unknown flow', () => {
    const report = join(work, 'prefect.json');
    rmSync(calls, { force: true });
    run(
      venvs.prefect,
      [join(repoRoot(), 'tools', 'integrations', 'prefect_run.py'), join(repoRoot(), 'integrations', 'prefect'), report],
      // A temporary local Prefect API server of its own; a loaded machine needs more than the 20 s default to start it.
      { ...stubEnv(), PREFECT_HOME: join(work, 'prefect'), PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: '180', PREFECT_LOGGING_LEVEL: 'WARNING' },
      300_000,
    );
    const states = JSON.parse(readFileSync(report, 'utf8')) as Record<'ok' | 'failed' | 'unknown', { type: string; result?: string; message?: string }>;
    expect(states.ok).toEqual({ type: 'COMPLETED', result: 'stub ran -- flows run warehouse-sync' });
    expect(states.failed.type).toBe('FAILED');
    expect(states.failed.message).toContain('flows run dbt-incremental exited 3');
    expect(states.unknown.type).toBe('FAILED');
    expect(states.unknown.message).toContain("unknown Ledgerline flow 'no-such-flow'");
    // The unknown flow never reached the CLI.
    expect(called()).toEqual([`${home} -- flows run warehouse-sync`, `${home} -- flows run dbt-incremental`]);
  }, 360_000);
});
