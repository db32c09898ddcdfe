import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DbtModelDocs } from './dbt-model-docs.ts';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbt-docs-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('DbtModelDocs', () => {
  it('reads model, seed and source docs from YAML, with the schema from the folder', async () => {
    const dir = project({
      'models/marts/finance/mart_cashflow.yml': `models:\n  - name: mart_cashflow\n    description: >\n      Monthly cash flow\n      per customer.\n    columns:\n      - name: month\n        description: First day.\n`,
      'models/staging/_raw__sources.yml': `sources:\n  - name: raw\n    schema: "{{ var('raw_schema', 'raw') }}"\n    tables:\n      - name: transactions\n        description: Every transaction.\n`,
      'seeds/categories.yml': `seeds:\n  - name: categories\n    description: The taxonomy.\n`,
    });
    const docs = await new DbtModelDocs(dir).load();
    expect(docs).toEqual([
      { name: 'mart_cashflow', resourceType: 'model', schema: 'marts', description: 'Monthly cash flow per customer.', columns: [{ name: 'month', description: 'First day.' }], path: join('models', 'marts', 'finance', 'mart_cashflow.yml') },
      { name: 'transactions', resourceType: 'source', schema: 'raw', description: 'Every transaction.', columns: [], path: join('models', 'staging', '_raw__sources.yml') },
      { name: 'categories', resourceType: 'seed', schema: 'reference', description: 'The taxonomy.', columns: [], path: join('seeds', 'categories.yml') },
    ]);
  });

  it('prefers the manifest and takes column types from the catalog', async () => {
    const dir = project({
      'models/marts/x.yml': 'models:\n  - name: from_yaml\n',
      'target/manifest.json': JSON.stringify({
        nodes: {
          'model.ledgerline.dim_account': { name: 'dim_account', resource_type: 'model', schema: 'marts', description: 'Accounts.', columns: { account_id: { name: 'account_id', description: 'Key.' } } },
          'test.ledgerline.t1': { name: 't1', resource_type: 'test' },
        },
        sources: {},
      }),
      'target/catalog.json': JSON.stringify({ nodes: { 'model.ledgerline.dim_account': { columns: { account_id: { type: 'VARCHAR' } } } } }),
    });
    expect(await new DbtModelDocs(dir).load()).toEqual([
      { name: 'dim_account', resourceType: 'model', schema: 'marts', description: 'Accounts.', columns: [{ name: 'account_id', description: 'Key.', type: 'VARCHAR' }] },
    ]);
  });

  it('reads the repository dbt project', async () => {
    const docs = await new DbtModelDocs('dbt').load();
    expect(docs.some((d) => d.name === 'fct_transactions' && d.description.length > 0)).toBe(true);
  });
});
