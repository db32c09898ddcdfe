import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadRawDataset } from '@ledgerline/duckdb';
import { syntheticTradeMarket } from '@ledgerline/market-data';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { generateDataset } from '@ledgerline/transactions/generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-cli-'));
  await loadRawDataset(join(dir, 'warehouse.duckdb'), generateDataset({ seed: 7, customers: 6, months: 2, startMonth: '2026-03', market: syntheticTradeMarket('agent-cli') }));
  env = { DATA_DIR: dir, DBT_PROJECT_DIR: 'dbt', LOG_LEVEL: 'warn' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], input = '') {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await runCli(argv, { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, streams: { input: stdin, output: new PassThrough(), terminal: false }, env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('agent CLI (offline, embedded adapters)', () => {
  it('indexes documents incrementally', async () => {
    const first = await run(['index', '--json']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out) as { total: number; embedded: number; unchanged: number };
    expect(report.total).toBeGreaterThan(100);
    expect(report.embedded).toBe(report.total);
    const second = JSON.parse((await run(['index', '--json'])).out) as { embedded: number; unchanged: number; total: number };
    expect(second).toMatchObject({ embedded: 0, unchanged: report.total });
  });

  it('answers with exact figures, the metric used, as JSON', async () => {
    const [expected] = await probeDuckDb(join(dir, 'warehouse.duckdb')).rows<{ spend: string; n: bigint }>(
        `SELECT CAST(sum(t.normalized_amount) AS VARCHAR) AS spend, count(*) AS n FROM raw.transactions t JOIN raw.accounts a USING (account_id)
         WHERE a.customer_id = 'C-000002' AND t.category = 'Groceries' AND t.direction = 'DEBIT' AND t.txn_type <> 'TRANSFER'
           AND t.status NOT IN ('REVERSED', 'DECLINED') AND strftime(timezone('UTC', t.occurred_at), '%Y-%m') = '2026-03'`,
    );
    if (!expected) throw new Error('no spend row');
    const { code, out } = await run(['ask', '--json', 'How much did customer C-000002 spend on groceries last month?']);
    expect(code).toBe(0);
    const answer = JSON.parse(out) as { status: string; answer: string; sources: Array<{ kind: string }>; model: string };
    expect(answer.status).toBe('answered');
    const [figure, interpretation] = answer.answer.split('\n');
    expect(figure).toBe(`Customer C-000002 spent ${expected.spend} EUR on Groceries in March 2026 (${expected.n} transaction${expected.n === 1n ? '' : 's'}).`);
    // Every computed answer says how the question was read (issue #20).
    expect(interpretation).toBe('Interpreted as: spend · customer C-000002 · category Groceries · 2026-03-01..2026-03-31.');
    expect(answer.sources.map((s) => s.kind)).toContain('metric');
    expect(answer.model).toMatch(/offline planner/);
  });

  // A buy of an asset is not spending (docs/analytics.md): the answer equals the spend of the
  // customer's non-trade debits, and differs from what counting the buys would have said.
  it('leaves investment trades out of what a customer spent', async () => {
    const probe = probeDuckDb(join(dir, 'warehouse.duckdb'));
    const month = `strftime(timezone('UTC', t.occurred_at), '%Y-%m') = '2026-03'`;
    const [buyer] = await probe.rows<{ customer_id: string }>(
      `SELECT a.customer_id FROM raw.transactions t JOIN raw.accounts a USING (account_id)
       WHERE t.txn_type = 'TRADE' AND t.direction = 'DEBIT' AND ${month} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    if (!buyer) throw new Error('no customer bought an asset in March 2026');
    const spendSql = (types: string) => `SELECT CAST(sum(t.normalized_amount) AS VARCHAR) AS spend FROM raw.transactions t JOIN raw.accounts a USING (account_id)
       WHERE a.customer_id = '${buyer.customer_id}' AND t.direction = 'DEBIT' AND t.txn_type NOT IN (${types})
         AND t.status NOT IN ('REVERSED', 'DECLINED') AND ${month}`;
    const [spend] = await probe.rows<{ spend: string }>(spendSql(`'TRANSFER', 'TRADE'`));
    const [withBuys] = await probe.rows<{ spend: string }>(spendSql(`'TRANSFER'`));
    expect(withBuys?.spend).not.toBe(spend?.spend);
    const { code, out } = await run(['ask', '--json', `How much did customer ${buyer.customer_id} spend in March 2026?`]);
    expect(code).toBe(0);
    const answer = JSON.parse(out) as { status: string; answer: string };
    expect(answer.status).toBe('answered');
    expect(answer.answer.split('\n')[0]).toMatch(new RegExp(`^Customer ${buyer.customer_id} spent ${spend?.spend.replace('.', '\\.')} EUR in March 2026`));
  });

  it('shows the SQL it ran with a merchant answer', async () => {
    const merchant = String(
      await probeDuckDb(join(dir, 'warehouse.duckdb')).scalar(`SELECT merchant FROM raw.transactions WHERE merchant IS NOT NULL AND merchant NOT LIKE '%''%' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`),
    );
    const { out } = await run(['ask', `How many transactions were made at "${merchant}" in March 2026?`]);
    expect(out).toMatch(/SQL:\n {2}SELECT \* FROM \(/);
    expect(out).toContain(`t.merchant = '${merchant}'`);
    expect(out).toMatch(/made \d+ transactions? at /);
  });

  it('refuses writes and questions about data it does not have, clearly (exit 0)', async () => {
    const write = await run(['ask', 'Delete all transactions']);
    expect(write.code).toBe(0);
    expect(write.out).toMatch(/read-only access/);
    expect(write.out).toMatch(/\(refused\)/);
    const stocks = await run(['ask', 'What is the stock price of Apple?']);
    expect(stocks.out).toMatch(/I don't have data about stock prices/);
  });

  it('chats in a session that a later chat resumes', async () => {
    const first = await run(['chat', '--session', 'cli-test'], 'How much did C-000003 spend on Dining in March 2026?\n/exit\n');
    expect(first.err).toMatch(/new session cli-test/);
    expect(first.out).toMatch(/Customer C-000003 spent \d+\.\d\d EUR on Dining in March 2026/);
    const second = await run(['chat', '--session', 'cli-test'], 'And in April 2026?\n');
    expect(second.err).toMatch(/resuming session cli-test/);
    expect(second.out).toMatch(/Customer C-000003 spent \d+\.\d\d EUR on Dining in April 2026/);
  });

  it('exits 2 on bad usage, with the usage text', async () => {
    const bad = await run(['ask', 'x', '--today', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Usage:/);
  });

  it('exits 1 and says so when there is no analytics data', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'agent-empty-'));
    try {
      const out: string[] = [];
      const code = await runCli(['ask', 'How much did C-000001 spend in March 2026?'], {
        io: { out: (t) => out.push(t), err: (t) => out.push(t) },
        streams: { input: new PassThrough(), output: new PassThrough(), terminal: false },
        env: { DATA_DIR: empty, LOG_LEVEL: 'error' },
      });
      expect(code).toBe(1);
      expect(out.join('\n')).toMatch(/no analytics data|could not answer/i);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
