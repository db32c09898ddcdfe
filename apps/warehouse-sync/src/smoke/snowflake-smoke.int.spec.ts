import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnowflakeConnection } from '@ledgerline/snowflake';
import { startSnowflake, type SnowflakeTestEndpoint } from '@ledgerline/testing';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The app as a process, as `nx run warehouse-sync:serve -- snowflake-smoke ...` runs it. */
function smoke(args: string[], env: Record<string, string>): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SNOWFLAKE_') && name !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'snowflake-smoke', ...args], {
    cwd: REPO_ROOT,
    env: { ...clean, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('warehouse-sync snowflake-smoke (command)', () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await smoke(['--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: nx run warehouse-sync:serve -- snowflake-smoke');
    expect(run.stdout).toContain('SNOWFLAKE_PRIVATE_KEY_PATH');
  });

  it('without credentials refuses with exit 2, naming the variables, before creating anything', async () => {
    const run = await smoke([], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SNOWFLAKE_ACCOUNT is not set');
    expect(run.stderr).toContain('SNOWFLAKE_USER is not set');
    expect(run.stdout).toBe('');
  });
});

// End to end against tools/snowflake-emulator (the Node driver's emulator; no account is
// reachable here): generate 10,000+ rows, create the scratch schema, sync them (PUT + COPY INTO,
// MERGE), dbt, drop. The emulator serves dbt-snowflake's snapshots (tools/dbt/emulator-snapshots.sh)
// but not the whole project (fakesnow does, in the CI dbt build, with the same prefixed schemas and
// mart comparison), so this run's dbt step fails after building some schemas, and that is the
// point of its second half: a failed run still drops every schema it made and says why.
describe('warehouse-sync snowflake-smoke against the emulator', () => {
  let snowflake: SnowflakeTestEndpoint;
  let run: Run;
  let env: Record<string, string>;

  beforeAll(async () => {
    snowflake = await startSnowflake();
    env = {
      SNOWFLAKE_ACCOUNT: 'emulator',
      SNOWFLAKE_USER: 'smoke',
      SNOWFLAKE_PASSWORD: 'emulator-only',
      SNOWFLAKE_ROLE: 'SMOKE',
      SNOWFLAKE_WAREHOUSE: 'SMOKE_WH',
      SNOWFLAKE_ACCESS_URL: snowflake.accessUrl,
    };
    run = await smoke([], env);
  }, 240_000);

  afterAll(async () => snowflake?.close());

  it('syncs the generated rows into a fresh scratch schema through the bulk path', async () => {
    const report = run.stdout;
    const generated = Number(/ok {3}generate .*?: (\d+) transactions/.exec(report)?.[1]);
    expect(generated).toBeGreaterThanOrEqual(10_000);
    const prefix = /scratch prefix (LEDGERLINE_SMOKE_\d{8}T\d{6}_[0-9A-F]{4}_)/.exec(report)?.[1];
    expect(prefix, report).toBeDefined();
    expect(report).toContain(`ok   create scratch schema`);
    expect(report).toMatch(new RegExp(`ok {3}sync to Snowflake .*transactions ${generated} merged`));
    expect(report).toMatch(new RegExp(`ok {3}sync to DuckDB \\(reference\\) .*transactions ${generated} merged`));

    const history = await snowflake.controls.queryHistory();
    const ok = (pattern: RegExp) => history.filter((q) => pattern.test(q.sqlText) && q.status === 'SUCCESS');
    expect(ok(new RegExp(`^CREATE SCHEMA "LEDGERLINE"\\."${prefix}RAW"$`))).toHaveLength(1);
    expect(ok(/^COPY INTO LEDGERLINE_SYNC_STAGING .*FILES = /s).length).toBeGreaterThan(0);
    expect(ok(new RegExp(`^MERGE INTO "LEDGERLINE"\\."${prefix}RAW"\\."TRANSACTIONS"`)).length).toBeGreaterThan(0);
  });

  it('reports the failed dbt step, skips the comparison, drops every scratch schema and exits 1', async () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL dbt build on Snowflake/);
    expect(run.stdout).toMatch(/skip dbt build on DuckDB: dbt build on Snowflake failed/);
    expect(run.stdout).toMatch(/skip compare marts: dbt build on Snowflake failed/);
    const dropped = /ok {3}drop scratch schemas .*: dropped (\d+): (.*)/.exec(run.stdout);
    expect(dropped?.[2]?.split(', ')).toHaveLength(Number(dropped?.[1]));
    expect(dropped?.[2]).toMatch(/LEDGERLINE_SMOKE_\w+_RAW/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('snowflake-smoke FAILED (see the step marked FAIL).');

    const prefix = /scratch prefix (\w+_),/.exec(run.stdout)?.[1] ?? '';
    expect(prefix).not.toBe('');
    expect(dropped?.[2]?.split(', ').filter((name) => !name.startsWith(prefix))).toEqual([]);
    const history = await snowflake.controls.queryHistory();
    expect(history.some((q) => q.sqlText === `DROP SCHEMA IF EXISTS "LEDGERLINE"."${prefix}RAW" CASCADE` && q.status === 'SUCCESS')).toBe(true);
    const reader = await createSnowflakeConnection({ account: 'emulator', username: 'check', password: 'x', accessUrl: snowflake.accessUrl });
    try {
      const { rows } = await reader.execute<{ N: string | number }>(
        'SELECT COUNT(*) AS "N" FROM LEDGERLINE.INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME LIKE \'LEDGERLINE_SMOKE_%\'',
      );
      expect(Number(rows[0]?.N)).toBe(0);
    } finally {
      await reader.close();
    }
  });
});
