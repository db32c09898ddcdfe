import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { MemorySaver } from '@langchain/langgraph';
import type { AnalyticsStore } from '@ledgerline/analytics';
import { describe, expect, it } from 'vitest';
import { noModelDocs } from '../documents/model-docs.port.ts';
import { ScriptedChatModel, type ScriptedReply } from '../testing/scripted-chat-model.ts';
import { stubAnalyticsStore } from '../testing/stub-analytics-store.ts';
import { createAgentTools } from '../tools/create-agent-tools.ts';
import { HashingEmbedder } from '../vector-search/hashing-embedder.ts';
import { InMemoryVectorIndex } from '../vector-search/in-memory-vector-index.ts';
import { askAgent } from './ask-agent.ts';
import { buildAgentGraph } from './build-agent-graph.ts';

const SCHEMA = {
  relations: [
    { schema: 'raw', name: 'transactions', kind: 'table' as const, columns: [{ name: 'tx_id', type: 'VARCHAR' }] },
    { schema: 'raw', name: 'accounts', kind: 'table' as const, columns: [{ name: 'account_id', type: 'VARCHAR' }] },
    { schema: 'raw', name: 'customers', kind: 'table' as const, columns: [{ name: 'customer_id', type: 'VARCHAR' }] },
    { schema: 'marts', name: 'fct_transactions', kind: 'table' as const, columns: [{ name: 'tx_id', type: 'VARCHAR' }] },
  ],
};

function setup(script: readonly ScriptedReply[], methods: Partial<AnalyticsStore> = {}, maxSteps = 5) {
  const store = stubAnalyticsStore({ describeSchema: async () => SCHEMA, ...methods });
  const model = new ScriptedChatModel(script);
  const tools = createAgentTools({ store, embedder: new HashingEmbedder(), index: new InMemoryVectorIndex(), modelDocs: noModelDocs, sqlRowLimit: 50 });
  const graph = buildAgentGraph({ model, tools, maxSteps, systemPrompt: 'test', checkpointer: new MemorySaver() });
  const ask = (question: string, session = 's1') => askAgent(graph, question, session, { maxSteps });
  return { store, model, ask };
}

const spendRows = [{ category: 'Groceries', subcategory: null, spend: '412.37', count: 23 }];

describe('agent graph: routing', () => {
  it.each([
    ['Delete all transactions', 'write_request'],
    ['please DROP TABLE raw.transactions', 'write_request'],
    ['Can you update the balance of A-000001-1 to 0?', 'write_request'],
    ["What's the weather in Berlin?", 'out_of_scope'],
    ['What is the stock price of Apple?', 'unavailable_data'],
  ])('refuses "%s" without calling the model or any tool (%s)', async (question) => {
    const { model, store, ask } = setup(['should not be used']);
    const answer = await ask(question);
    expect(answer.status).toBe('refused');
    expect(answer.answer.length).toBeGreaterThan(20);
    expect(model.seen).toHaveLength(0);
    expect(store.calls).toHaveLength(0);
    expect(answer.toolCalls).toEqual([]);
  });

  it('answers a greeting with help, without the model', async () => {
    const { model, ask } = setup(['unused']);
    const answer = await ask('help');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toMatch(/read-only questions/);
    expect(model.seen).toHaveLength(0);
  });
});

describe('agent graph: tools', () => {
  it('runs the metric the model asks for, shows it the result and returns its answer with sources', async () => {
    const { model, store, ask } = setup(
      [{ toolCalls: [{ name: 'metrics', args: { metric: 'spendByCategory', customerId: 'C-000042', category: 'Groceries' } }] }, 'It was 412.37 EUR.'],
      { spendByCategory: async () => spendRows },
    );
    const answer = await ask('How much did C-000042 spend on groceries?');
    expect(answer).toMatchObject({ status: 'answered', steps: 2, errors: [] });
    // A chat model's answer carries the interpretation its validated metric call amounts to.
    expect(answer.answer).toBe('It was 412.37 EUR.\nInterpreted as: spend by category · customer C-000042 · category Groceries · all data.');
    expect(store.calls.filter((c) => c.method === 'spendByCategory')).toEqual([{ method: 'spendByCategory', args: [{ customerId: 'C-000042', category: 'Groceries' }] }]);
    expect(answer.sources).toEqual([{ kind: 'metric', metric: 'spendByCategory', params: { customerId: 'C-000042', category: 'Groceries' } }]);
    const toolMessage = model.seen[1]?.find((m) => ToolMessage.isInstance(m));
    expect(JSON.parse(String(toolMessage?.content))).toMatchObject({ result: spendRows });
  });

  it('runs validated SQL and returns the statement as run, with its row limit', async () => {
    const { store, ask } = setup([{ toolCalls: [{ name: 'sql', args: { query: 'SELECT count(*) AS n FROM raw.transactions' } }] }, 'There are 7.'], {
      runReadOnlySql: async (sql, options) => ({ sql: `SELECT * FROM (${sql}) LIMIT ${options.maxRows + 1}`, columns: [{ name: 'n', type: 'BIGINT' }], rows: [{ n: '7' }], truncated: false, maxRows: options.maxRows }),
    });
    const answer = await ask('How many transactions are there?');
    expect(answer.status).toBe('answered');
    expect(answer.sql).toEqual(['SELECT * FROM (SELECT count(*) AS n FROM raw.transactions) LIMIT 51']);
    const call = store.calls.find((c) => c.method === 'runReadOnlySql');
    expect(call?.args[1]).toMatchObject({ maxRows: 50, allowedRelations: ['marts.fct_transactions', 'raw.accounts', 'raw.customers', 'raw.transactions'] });
  });

  it.each([
    ['a write', 'DELETE FROM raw.transactions', 'not_a_select'],
    ['a write inside a CTE', 'WITH gone AS (DELETE FROM raw.transactions RETURNING *) SELECT * FROM gone', 'forbidden_keyword'],
    ['two statements', 'SELECT 1 FROM raw.transactions; SELECT 2 FROM raw.accounts', 'multiple_statements'],
    ['a relation off the allow-list', 'SELECT * FROM raw._sync_state', 'relation_not_allowed'],
    ['a table in another schema', 'SELECT * FROM main.secrets', 'relation_not_allowed'],
  ])('rejects SQL with %s before anything runs, then lets the model re-plan once', async (_what, query, reason) => {
    const { store, model, ask } = setup([{ toolCalls: [{ name: 'sql', args: { query } }] }, 'I could not run that query.']);
    const answer = await ask('How many transactions are there?');
    expect(store.calls.some((c) => c.method === 'runReadOnlySql')).toBe(false);
    expect(answer.errors[0]).toContain(`SQL rejected (${reason})`);
    expect(answer.toolCalls[0]).toMatchObject({ name: 'sql', ok: false });
    expect(model.seen).toHaveLength(2); // the re-plan saw the error
    expect(String(model.seen[1]?.at(-1)?.content)).toContain(reason);
    expect(answer.status).toBe('failed');
    expect(answer.answer).toBe('I could not run that query.');
  });

  it('gives up honestly after a second failing tool round', async () => {
    const failing = { toolCalls: [{ name: 'metrics', args: { metric: 'kpis', month: '2026-13' } }] };
    const { store, model, ask } = setup([failing, failing, 'never reached']);
    const answer = await ask('How did spending change month over month?');
    expect(answer.status).toBe('failed');
    expect(answer.answer).toMatch(/^I could not answer this: metrics failed: invalid kpis params/);
    expect(model.seen).toHaveLength(2);
    expect(store.calls.some((c) => c.method === 'kpis')).toBe(false);
  });

  it('reports unknown tools and invalid arguments as tool errors', async () => {
    const { ask } = setup([{ toolCalls: [{ name: 'shell', args: { cmd: 'ls' } }, { name: 'metrics', args: { metric: 'nope' } }] }, 'Sorry.']);
    const answer = await ask('How many transactions are there?');
    expect(answer.errors).toHaveLength(2);
    expect(answer.errors[0]).toMatch(/unknown tool shell/);
    expect(answer.errors[1]).toMatch(/invalid arguments for metrics: metric/);
  });

  it('stops at AGENT_MAX_STEPS when the model keeps calling tools', async () => {
    const { model, ask } = setup([{ toolCalls: [{ name: 'metrics', args: { metric: 'dataAsOf' } }] }], {
      dataAsOf: async () => ({ last_sync_at: null, tables: [], latest_transaction_at: null, source: 'raw' }),
    }, 3);
    const answer = await ask('How fresh is the data?');
    expect(answer.status).toBe('failed');
    expect(answer.steps).toBe(3);
    expect(model.seen).toHaveLength(3);
    expect(answer.answer).toMatch(/stopped after 3 planning steps \(AGENT_MAX_STEPS = 3\)/);
  });
});

describe('agent graph: memory', () => {
  it('keeps the conversation per session, so a follow-up sees the earlier question', async () => {
    const { model, ask } = setup(['first answer', 'second answer', 'other session']);
    await ask('How much did C-000001 spend in March 2026?', 'alpha');
    await ask('And in April?', 'alpha');
    await ask('How much did C-000002 spend in March 2026?', 'beta');
    const humans = (i: number) => (model.seen[i] ?? []).filter((m) => HumanMessage.isInstance(m)).map((m) => String(m.content));
    expect(humans(1)).toEqual(['How much did C-000001 spend in March 2026?', 'And in April?']);
    expect(humans(2)).toEqual(['How much did C-000002 spend in March 2026?']);
  });

  it('refuses a terse non-question in a new session but lets it through as a follow-up', async () => {
    const { ask } = setup(['ok', 'follow-up ok']);
    expect((await ask('and April?', 'fresh')).status).toBe('refused');
    await ask('How much did C-000001 spend in March 2026?', 'busy');
    expect((await ask('and April?', 'busy')).answer).toBe('follow-up ok');
  });
});

describe('agent graph: interpretation of a chat model answer', () => {
  it('states each metric call with its filters, period, grain and ranking, and leaves the planner\'s own line alone', async () => {
    const { ask } = setup(
      [
        { toolCalls: [{ name: 'metrics', args: { metric: 'spendByPeriod', accountId: 'A-000007-1', from: '2026-01-01', to: '2026-03-31', grain: 'month' } }] },
        { toolCalls: [{ name: 'metrics', args: { metric: 'topMerchants', customerId: 'C-000007', limit: 3 } }] },
        'Here you are.',
      ],
      { spendByPeriod: async () => [], topMerchants: async () => [] },
    );
    const answer = await ask('Monthly spend of A-000007-1 in Q1 and the top 3 merchants of C-000007');
    expect(answer.answer).toBe(
      'Here you are.\nInterpreted as: spend by period · by month · account A-000007-1 · 2026-01-01..2026-03-31; then top merchants · customer C-000007 · all data · top 3.',
    );
    const planner = setup(['Customer C-1 spent 1.00 EUR.\nInterpreted as: spend · customer C-1 · all data.']);
    expect((await planner.ask('How much did C-1 spend?')).answer).toBe('Customer C-1 spent 1.00 EUR.\nInterpreted as: spend · customer C-1 · all data.');
  });
});
