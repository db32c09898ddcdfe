import { validateReadOnlySql } from '@ledgerline/analytics';
import { describe, expect, it } from 'vitest';
import type { ModelDocsSource } from '../documents/model-docs.port.ts';
import { noModelDocs } from '../documents/model-docs.port.ts';
import { stubAnalyticsStore } from '../testing/stub-analytics-store.ts';
import { HashingEmbedder } from '../vector-search/hashing-embedder.ts';
import { InMemoryVectorIndex } from '../vector-search/in-memory-vector-index.ts';
import { ToolError } from './agent-tool.ts';
import { createMetricsTool, metricParams } from './metrics-tool.ts';
import { createSchemaTool } from './schema-tool.ts';
import { createSearchTool } from './search-tool.ts';
import { RAW_RELATIONS, sqlAllowList } from './sql-allow-list.ts';
import { createSqlTool } from './sql-tool.ts';

describe('metrics tool', () => {
  it('passes only the params the metric declares, validated before the store is called', async () => {
    const store = stubAnalyticsStore({ topMerchants: async () => [{ merchant: 'LIDL', spend: '10.00', count: 1 }] });
    const tool = createMetricsTool(store);
    const outcome = await tool.run({ metric: 'topMerchants', customerId: 'C-000001', limit: 3 });
    expect(store.calls).toEqual([{ method: 'topMerchants', args: [{ customerId: 'C-000001', limit: 3 }] }]);
    expect(outcome.sources).toEqual([{ kind: 'metric', metric: 'topMerchants', params: { customerId: 'C-000001', limit: 3 } }]);
    expect(() => metricParams({ metric: 'kpis', month: '2026-03', from: '2026-01-01' })).toThrow(/kpis does not take from/);
    expect(() => metricParams({ metric: 'spendByCategory', from: '2026-02-30' })).toThrow(ToolError);
    expect(() => metricParams({ metric: 'spendByCategory', from: '2026-03-02', to: '2026-03-01' })).toThrow(/after/);
  });

  it('caps long results for the model and says so', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ merchant: `M${i}`, spend: '1.00', count: 1 }));
    const tool = createMetricsTool(stubAnalyticsStore({ topMerchants: async () => rows }));
    const outcome = await tool.run({ metric: 'topMerchants', limit: 1000 });
    expect(outcome.content).toMatchObject({ result: { total: 250, truncated: true } });
  });
});

describe('sql tool', () => {
  const allowedRelations = async () => [...RAW_RELATIONS];

  it('gives up on a query that does not finish in time (the store is not waited for)', async () => {
    const store = stubAnalyticsStore({ runReadOnlySql: () => new Promise(() => undefined) });
    const tool = createSqlTool(store, { maxRows: 10, allowedRelations, timeoutMs: 20 });
    await expect(tool.run({ query: 'SELECT 1 AS x FROM raw.transactions' })).rejects.toThrow(/did not finish within 20 ms/);
  });

  it('asks the store to interrupt the query at the tool timeout, and says it was interrupted', async () => {
    const seen: unknown[] = [];
    const store = stubAnalyticsStore({
      runReadOnlySql: async (_sql, options) => {
        seen.push(options.timeoutMs);
        throw new Error('query interrupted after 20 ms');
      },
    });
    const tool = createSqlTool(store, { maxRows: 10, allowedRelations, timeoutMs: 20 });
    await expect(tool.run({ query: 'SELECT 1 AS x FROM raw.transactions' })).rejects.toThrow(/within 20 ms and was interrupted/);
    expect(seen).toEqual([20]);
  });

  it('refuses before running: writes, several statements, relations off the list, file reads', async () => {
    const store = stubAnalyticsStore({});
    const tool = createSqlTool(store, { maxRows: 10, allowedRelations, timeoutMs: 1000 });
    for (const query of ['UPDATE raw.accounts SET balance = 0', 'SELECT 1; SELECT 2', 'SELECT * FROM raw._sync_state', "SELECT * FROM read_csv('/etc/passwd')"]) {
      await expect(tool.run({ query })).rejects.toBeInstanceOf(ToolError);
    }
    expect(store.calls).toEqual([]);
  });

  it('allow-lists the RAW tables and the marts, nothing else', () => {
    const relation = (schema: string, name: string) => ({ schema, name, kind: 'table' as const, columns: [] });
    expect(sqlAllowList({ relations: [relation('raw', 'transactions'), relation('raw', '_sync_state'), relation('marts', 'dim_account'), relation('staging', 'stg_x')] })).toEqual([
      'marts.dim_account',
      'raw.accounts',
      'raw.customers',
      'raw.transactions',
    ]);
  });
});

describe('search tool', () => {
  it('filters by kind and customer and returns documents as sources', async () => {
    const embedder = new HashingEmbedder({ dimensions: 64 });
    const index = new InMemoryVectorIndex();
    const texts = { a: 'Monthly summary of customer C-000001 for 2026-03', b: 'Monthly summary of customer C-000002 for 2026-03', c: 'Merchant COSTA COFFEE' };
    const vectors = await embedder.embedDocuments(Object.values(texts));
    await index.upsert([
      { id: 'a', text: texts.a, metadata: { kind: 'monthly_summary', customer_id: 'C-000001', title: 'Summary A' }, embedding: vectors[0] ?? [] },
      { id: 'b', text: texts.b, metadata: { kind: 'monthly_summary', customer_id: 'C-000002', title: 'Summary B' }, embedding: vectors[1] ?? [] },
      { id: 'c', text: texts.c, metadata: { kind: 'merchant', title: 'Merchant COSTA COFFEE' }, embedding: vectors[2] ?? [] },
    ]);
    const tool = createSearchTool(embedder, index);
    const outcome = await tool.run({ query: 'monthly summary', kind: 'monthly_summary', customerId: 'C-000002' });
    expect(outcome.sources).toEqual([{ kind: 'document', id: 'b', title: 'Summary B', score: expect.any(Number) }]);
  });

  it('says when the index is empty instead of returning nothing', async () => {
    await expect(createSearchTool(new HashingEmbedder(), new InMemoryVectorIndex()).run({ query: 'x' })).rejects.toThrow(/run `agent index` first/);
  });
});

describe('schema tool', () => {
  const store = stubAnalyticsStore({
    describeSchema: async () => ({
      relations: [
        { schema: 'raw', name: 'transactions', kind: 'table', columns: [{ name: 'tx_id', type: 'VARCHAR' }] },
        { schema: 'marts', name: 'mart_cashflow', kind: 'table', columns: [{ name: 'month', type: 'DATE' }] },
      ],
    }),
  });
  const docs: ModelDocsSource = {
    load: async () => [{ name: 'mart_cashflow', resourceType: 'model', schema: 'marts', description: 'Monthly cash flow per customer.', columns: [{ name: 'month', description: 'First day of the month.' }] }],
  };
  const allowedRelations = async () => ['raw.transactions', 'marts.mart_cashflow'];

  it('joins columns with dbt descriptions', async () => {
    const outcome = await createSchemaTool(store, docs, { allowedRelations }).run({ relation: 'mart_cashflow' });
    expect(outcome.content).toEqual({
      relations: [{ relation: 'marts.mart_cashflow', kind: 'table', description: 'Monthly cash flow per customer.', columns: [{ name: 'month', type: 'DATE', description: 'First day of the month.' }] }],
    });
  });

  it('describes nothing outside the allow-list', async () => {
    await expect(createSchemaTool(store, noModelDocs, { allowedRelations: async () => ['raw.transactions'] }).run({ relation: 'marts.mart_cashflow' })).rejects.toThrow(/no relation/);
  });
});

describe('the SQL the agent writes itself passes the read-only guard', () => {
  it('document and planner queries', async () => {
    const seen: string[] = [];
    const store = stubAnalyticsStore({
      runReadOnlySql: async (sql, options) => {
        validateReadOnlySql(sql, options);
        seen.push(sql);
        return { sql, columns: [], rows: [], truncated: false, maxRows: options.maxRows };
      },
    });
    const { collectDocuments } = await import('../documents/collect-documents.ts');
    await collectDocuments({ store, modelDocs: noModelDocs, baseCurrency: 'EUR' });
    expect(seen).toHaveLength(3);
    const { totalsSql, largestSql, customerAccountsSql } = await import('../planner/planner-sql.ts');
    const filters = { customerId: 'C-000001', merchant: "SAINSBURY'S", from: '2026-01-01', to: '2026-01-31', channel: 'ONLINE', country: 'GB', subcategory: 'Supermarkets' };
    for (const sql of [totalsSql(filters), largestSql(filters, 3), customerAccountsSql('C-000001')]) {
      expect(() => validateReadOnlySql(sql, { maxRows: 10, allowedRelations: [...RAW_RELATIONS] })).not.toThrow();
    }
  });
});
