import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@ledgerline/config';
import { afterEach, describe, expect, it } from 'vitest';
import { dbtFromEnv } from './adapter.ts';

const envOf = (vars: Record<string, string>) => loadConfig({ env: vars, dotenvPath: false });
const REPO = resolve(import.meta.dirname, '../../../..');

// The rules the pipeline and warehouse-sync each had their own copy of (the project directory
// against the cwd in one, the repository root in the other): one factory, one answer.
describe('dbtFromEnv', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const repoWith = (dbtInstalled: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'dbt-adapter-'));
    dirs.push(dir);
    if (dbtInstalled) {
      mkdirSync(join(dir, '.venv/bin'), { recursive: true });
      writeFileSync(join(dir, '.venv/bin/dbt'), '');
    }
    return dir;
  };

  it('takes DBT_PROJECT_DIR against the repository root and the target from DBT_TARGET, else WAREHOUSE', () => {
    const root = repoWith(true);
    const embedded = dbtFromEnv(envOf({ DBT_PROJECT_DIR: 'models/dbt' }), { repoRoot: root });
    expect(embedded.projectDir).toBe(join(root, 'models/dbt'));
    expect(embedded.target).toBe('duckdb');
    expect(embedded.description).toBe(`dbt build via tools/dbt/dbt.sh (target duckdb, project ${join(root, 'models/dbt')})`);
    expect(dbtFromEnv(envOf({ WAREHOUSE: 'snowflake' }), { repoRoot: root }).target).toBe('snowflake');
    expect(dbtFromEnv(envOf({ WAREHOUSE: 'snowflake', DBT_TARGET: 'duckdb' }), { repoRoot: root }).target).toBe('duckdb');
    expect(dbtFromEnv(envOf({ DBT_PROJECT_DIR: '/abs/project' }), { repoRoot: root }).projectDir).toBe('/abs/project');
  });

  it('says why dbt cannot run: disabled, or not installed in the .venv', () => {
    expect(dbtFromEnv(envOf({}), { repoRoot: repoWith(true) })).toMatchObject({ enabled: true, unavailable: undefined });
    expect(dbtFromEnv(envOf({ DBT_ENABLED: 'false' }), { repoRoot: repoWith(true) })).toMatchObject({ enabled: false, unavailable: 'disabled by DBT_ENABLED=false' });
    expect(dbtFromEnv(envOf({}), { repoRoot: repoWith(false) })).toMatchObject({ enabled: true, unavailable: expect.stringMatching(/^no dbt in \.venv/) });
  });

  it("reads the models' docs of the configured project", async () => {
    const docs = await dbtFromEnv(envOf({}), { repoRoot: REPO }).modelDocs().load();
    expect(docs.length).toBeGreaterThan(5);
  });
});
