import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensurePythonEnv } from './index.ts';

const run = promisify(execFile);
const dbtEnv = { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DO_NOT_TRACK: '1' };

const runResultsSchema = z.object({
  results: z.array(z.object({ unique_id: z.string(), status: z.string() })),
});

describe('dbt via the project virtualenv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbt-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports dbt-core 1.11 with the duckdb adapter', async () => {
    const { dbt } = await ensurePythonEnv();
    const { stdout } = await run(dbt, ['--version'], { env: dbtEnv });
    expect(stdout).toMatch(/installed:\s+1\.11\./);
    expect(stdout).toMatch(/duckdb:\s+1\.11\./);
  });

  it('builds a one-model project on DuckDB and its data tests pass', async () => {
    const { dbt, python } = await ensurePythonEnv();
    const database = join(dir, 'smoke.duckdb');
    mkdirSync(join(dir, 'models'));
    writeFileSync(
      join(dir, 'dbt_project.yml'),
      'name: harness_smoke\nversion: "1.0.0"\nprofile: harness_smoke\nmodel-paths: ["models"]\n',
    );
    // No `extensions:` in the profile: installing DuckDB extensions needs the internet.
    writeFileSync(
      join(dir, 'profiles.yml'),
      `harness_smoke:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: "${database}"\n      threads: 1\n`,
    );
    writeFileSync(
      join(dir, 'models', 'daily_totals.sql'),
      "select day, sum(amount)::decimal(15,2) as total from (values (date '2026-01-01', 12.30), (date '2026-01-01', 0.05), (date '2026-01-02', 7.00)) t(day, amount) group by day",
    );
    writeFileSync(
      join(dir, 'models', 'daily_totals.yml'),
      'models:\n  - name: daily_totals\n    columns:\n      - name: day\n        data_tests: [unique, not_null]\n',
    );

    await run(dbt, ['build', '--project-dir', dir, '--profiles-dir', dir], { env: dbtEnv, cwd: dir });

    const runResults = runResultsSchema.parse(JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')));
    expect(runResults.results.map((r) => r.status).sort()).toEqual(['pass', 'pass', 'success']);
    const { stdout } = await run(python, [
      '-c',
      'import duckdb,sys; print(duckdb.connect(sys.argv[1], read_only=True).sql("select day::varchar, total::varchar from daily_totals order by day").fetchall())',
      database,
    ]);
    expect(stdout.trim()).toBe("[('2026-01-01', '12.35'), ('2026-01-02', '7.00')]");
  });
});
