import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { planOffline, type PlannerDecision } from './offline-plan.ts';
import { OfflinePlannerChatModel } from './offline-planner-model.ts';
import { coverageSql } from './planner-sql.ts';
import { readTurn } from './turn-results.ts';

interface Step {
  name: string;
  args: Record<string, unknown>;
  result?: unknown;
  error?: string;
}

/** A conversation: earlier questions, the question, and rounds of tool calls with results. */
function conversation(question: string, rounds: Step[][] = [], earlier: string[] = []): BaseMessage[] {
  const messages: BaseMessage[] = [];
  for (const q of earlier) messages.push(new HumanMessage(q), new AIMessage('earlier answer'));
  messages.push(new HumanMessage(question));
  rounds.forEach((round, r) => {
    messages.push(new AIMessage({ content: '', tool_calls: round.map((s, i) => ({ id: `c${r}_${i}`, name: s.name, args: s.args, type: 'tool_call' as const })) }));
    round.forEach((s, i) =>
      messages.push(
        s.error
          ? new ToolMessage({ tool_call_id: `c${r}_${i}`, content: `Error: ${s.error}`, status: 'error' })
          : new ToolMessage({ tool_call_id: `c${r}_${i}`, content: JSON.stringify(s.result) }),
      ),
    );
  });
  return messages;
}

const plan = (messages: BaseMessage[], today?: string): PlannerDecision => planOffline(readTurn(messages), { baseCurrency: 'EUR', ...(today ? { today } : {}) });
const metric = (name: string, params: Record<string, unknown>, result: unknown): Step => ({ name: 'metrics', args: { metric: name, ...params }, result: { metric: name, params, result } });
const asOf = metric('dataAsOf', {}, { last_sync_at: '2026-11-01T00:00:00.000Z', tables: [], latest_transaction_at: '2026-11-20T18:00:00.000Z', source: 'raw' });
// The data's first and last day: every figure question asks for it to clip its ranges.
const coverageCall = { name: 'sql', args: { query: coverageSql() } };
const coverage: Step = { ...coverageCall, result: { rows: [{ first_day: '2026-01-01', last_day: '2026-11-20' }] } };
const QUESTION = 'How much did customer C-000042 spend on groceries last month?';
const GROCERIES_OCTOBER = '\nInterpreted as: spend · customer C-000042 · category Groceries · 2026-10-01..2026-10-31.';
const groceriesParams = { customerId: 'C-000042', category: 'Groceries', from: '2026-10-01', to: '2026-10-31', level: 'category' };

describe('offline planner', () => {
  it('asks for the latest data day first when the question is relative', () => {
    expect(plan(conversation(QUESTION))).toEqual({ kind: 'calls', calls: [{ name: 'metrics', args: { metric: 'dataAsOf' } }, coverageCall] });
  });

  it('then plans the metric with the resolved month and filters', () => {
    expect(plan(conversation(QUESTION, [[asOf, coverage]]))).toEqual({ kind: 'calls', calls: [{ name: 'metrics', args: { metric: 'spendByCategory', ...groceriesParams } }] });
  });

  it('then answers in one sentence with the exact figures', () => {
    const rows = [{ category: 'Groceries', subcategory: null, spend: '412.37', count: 23 }];
    expect(plan(conversation(QUESTION, [[asOf, coverage], [metric('spendByCategory', groceriesParams, rows)]]))).toEqual({
      kind: 'answer',
      text: `Customer C-000042 spent 412.37 EUR on Groceries in October 2026 (23 transactions).${GROCERIES_OCTOBER}`,
    });
  });

  it('uses a given today instead of asking for dataAsOf', () => {
    expect(plan(conversation(QUESTION), '2026-08-15')).toEqual({ kind: 'calls', calls: [coverageCall] });
    const decision = plan(conversation(QUESTION, [[coverage]]), '2026-08-15');
    expect(decision).toEqual({ kind: 'calls', calls: [{ name: 'metrics', args: { metric: 'spendByCategory', ...groceriesParams, from: '2026-07-01', to: '2026-07-31' } }] });
  });

  it('says 0.00 when nothing matched rather than inventing a figure', () => {
    const decision = plan(conversation(QUESTION, [[asOf, coverage], [metric('spendByCategory', groceriesParams, [])]]));
    expect(decision).toEqual({ kind: 'answer', text: `Customer C-000042 spent 0.00 EUR on Groceries in October 2026 (0 transactions).${GROCERIES_OCTOBER}` });
  });

  it('resolves a merchant by its usual spellings first, and answers from SQL', () => {
    const question = 'How much did C-000007 spend at lidl in March 2026?';
    const first = plan(conversation(question));
    const lookup = first.kind === 'calls' ? String(first.calls[0]?.args.query) : '';
    expect(first.kind === 'calls' && first.calls.map((c) => c.name)).toEqual(['sql', 'sql']);
    expect(lookup).toContain("t.merchant IN ('lidl', 'LIDL', 'Lidl')");
    const spelled: Step = { name: 'sql', args: { query: lookup }, result: { rows: [{ merchant: 'LIDL', transactions: 40 }] } };
    const second = plan(conversation(question, [[spelled, coverage]]));
    const query = second.kind === 'calls' ? String(second.calls[0]?.args.query) : '';
    expect(query).toContain("t.merchant = 'LIDL'");
    expect(query).toContain("a.customer_id = 'C-000007'");
    const totals = { name: 'sql', args: { query }, result: { rows: [{ spend: '123.45', spend_count: 6, income: '0.00', counted: 6 }] } };
    expect(plan(conversation(question, [[spelled, coverage], [totals]]))).toEqual({
      kind: 'answer',
      text: 'Customer C-000007 spent 123.45 EUR at LIDL in March 2026 (6 transactions).\nInterpreted as: spend · customer C-000007 · merchant LIDL · 2026-03-01..2026-03-31.',
    });
  });

  it('falls back to the metrics search for a partial name, and asks when it is ambiguous', () => {
    const question = 'How much did C-000007 spend at amazon in March 2026?';
    const lookup = plan(conversation(question));
    const query = lookup.kind === 'calls' ? String(lookup.calls[0]?.args.query) : '';
    const none: Step = { name: 'sql', args: { query }, result: { rows: [] } };
    expect(plan(conversation(question, [[none, coverage]]))).toEqual({ kind: 'calls', calls: [{ name: 'metrics', args: { metric: 'search', text: 'amazon', limit: 50 } }] });
    const rows = [
      { kind: 'merchant', value: 'AMAZON PRIME', category: 'Subscriptions', count: 84, spend: '1.00' },
      { kind: 'merchant', value: 'AMAZON MARKETPLACE', category: 'Shopping', count: 12, spend: '1.00' },
    ];
    const decision = plan(conversation(question, [[none, coverage], [metric('search', { text: 'amazon', limit: 50 }, rows)]]));
    expect(decision).toEqual({ kind: 'answer', text: expect.stringMatching(/"amazon" matches several merchants: AMAZON PRIME \(84 transactions\), AMAZON MARKETPLACE/) });
  });

  it('reports a tool error honestly', () => {
    const failed: Step = { name: 'metrics', args: { metric: 'dataAsOf' }, error: 'metrics failed: file is locked' };
    expect(plan(conversation(QUESTION, [[failed, coverage]]))).toEqual({ kind: 'answer', text: 'I could not answer that: metrics failed: file is locked.', refused: true });
  });

  it('answers a follow-up from the earlier question', () => {
    const decision = plan(conversation('And in September?', [[coverage]], [QUESTION]), '2026-11-20');
    expect(decision).toEqual({
      kind: 'calls',
      calls: [{ name: 'metrics', args: { metric: 'spendByCategory', ...groceriesParams, from: '2026-09-01', to: '2026-09-30' } }],
    });
  });

  it('compares two periods with both totals and the change', () => {
    const question = 'Compare the spending of C-000001 in March and April 2026';
    const p = (from: string, to: string) => ({ customerId: 'C-000001', from, to, level: 'category' });
    const march = metric('spendByCategory', p('2026-03-01', '2026-03-31'), [{ category: 'A', subcategory: null, spend: '100.00', count: 2 }, { category: 'B', subcategory: null, spend: '50.50', count: 1 }]);
    const april = metric('spendByCategory', p('2026-04-01', '2026-04-30'), [{ category: 'A', subcategory: null, spend: '200.00', count: 4 }]);
    expect(plan(conversation(question))).toEqual({ kind: 'calls', calls: [coverageCall] });
    const first = plan(conversation(question, [[coverage]]));
    expect(first.kind === 'calls' ? first.calls.length : 0).toBe(2);
    const text =
      "Customer C-000001's spend: 150.50 EUR in March 2026 (3 transactions) vs 200.00 EUR in April 2026 (4 transactions); change +49.50 EUR (+32.89%)." +
      '\nInterpreted as: spend · customer C-000001 · 2026-03-01..2026-03-31 vs 2026-04-01..2026-04-30 · change.';
    expect(plan(conversation(question, [[coverage], [march, april]]))).toEqual({ kind: 'answer', text });
    // Later minus earlier, whichever the question names first (the sign was inverted before).
    const reversed = 'How did spending of C-000001 in April 2026 compare to March 2026?';
    expect(plan(conversation(reversed, [[coverage], [march, april]]))).toEqual({ kind: 'answer', text });
  });

  it('answers "by what percent ... from March to April" with the change between the two months, not their sum', () => {
    const question = 'By what percent did the spending of C-000001 change from March to April 2026?';
    const p = (from: string, to: string) => ({ customerId: 'C-000001', from, to, level: 'category' });
    const march = metric('spendByCategory', p('2026-03-01', '2026-03-31'), [{ category: 'A', subcategory: null, spend: '100.00', count: 2 }]);
    const april = metric('spendByCategory', p('2026-04-01', '2026-04-30'), [{ category: 'A', subcategory: null, spend: '75.00', count: 4 }]);
    const decision = plan(conversation(question, [[coverage], [march, april]]), '2026-11-20');
    expect(decision.kind === 'answer' && decision.text).toMatch(/change -25\.00 EUR \(-25\.00%\)/);
  });

  it('clips a range to the data it covers and says so; refuses a range before the data', () => {
    const question = 'How much did C-000001 spend in 2026?';
    const params = { customerId: 'C-000001', from: '2026-01-01', to: '2026-11-20', level: 'category' };
    expect(plan(conversation(question, [[coverage]]))).toEqual({ kind: 'calls', calls: [{ name: 'metrics', args: { metric: 'spendByCategory', ...params } }] });
    const decision = plan(conversation(question, [[coverage], [metric('spendByCategory', params, [])]]));
    expect(decision.kind === 'answer' && decision.text).toMatch(/Note: in 2026 clipped to the data's coverage, 2026-01-01 to 2026-11-20\./);
    expect(plan(conversation('How much did C-000001 spend in 2019?', [[coverage]]))).toEqual({
      kind: 'answer',
      text: 'I have no figures for that: in 2019 is outside the data, which covers 2026-01-01 to 2026-11-20.',
      refused: true,
    });
  });

  it('refuses a filter the chosen metric cannot apply instead of dropping it', () => {
    const decision = plan(conversation('Spending by category in Germany in March 2026', [[coverage]]));
    expect(decision).toEqual({ kind: 'answer', text: expect.stringMatching(/^I can't apply country DE to a breakdown by category/), refused: true });
  });

  it('refuses several questions in one rather than answering one part', () => {
    const decision = plan(conversation('How much did C-000001 spend in March 2026 and which merchant did they visit most?'));
    expect(decision).toEqual({ kind: 'answer', text: expect.stringMatching(/several questions in one/), refused: true });
  });

  it('answers spend and income asked together with both figures (was: one half, or a refusal)', () => {
    const question = 'How much did C-000001 spend in March 2026 and how much did they earn?';
    const params = { customerId: 'C-000001', from: '2026-03-01', to: '2026-03-31' };
    expect(plan(conversation(question, [[coverage]]))).toEqual({ kind: 'calls', calls: [{ name: 'metrics', args: { metric: 'cashflow', ...params } }] });
    const rows = [{ month: '2026-03', income: '2500.00', spend: '1999.99', net: '500.01', count: 40 }];
    expect(plan(conversation(question, [[coverage], [metric('cashflow', params, rows)]]))).toEqual({
      kind: 'answer',
      text:
        'Customer C-000001 spent 1999.99 EUR and received 2500.00 EUR of income in March 2026 (net +500.01 EUR).' +
        '\nInterpreted as: spend and income · customer C-000001 · 2026-03-01..2026-03-31.',
    });
  });

  it('refuses a period it cannot read rather than answer for the whole month', () => {
    const decision = plan(conversation('How much did C-000001 spend in the first half of May 2026?'));
    expect(decision).toEqual({ kind: 'answer', text: expect.stringMatching(/^I could not read "first half" as a period/), refused: true });
  });

  it('says which misspelt words it read as what', () => {
    const question = 'how much did C-000001 spnd in aprl 2026';
    const params = { customerId: 'C-000001', from: '2026-04-01', to: '2026-04-30', level: 'category' };
    const rows = [{ category: 'A', subcategory: null, spend: '10.00', count: 1 }];
    const decision = plan(conversation(question, [[coverage], [metric('spendByCategory', params, rows)]]));
    expect(decision.kind === 'answer' && decision.text).toMatch(/spent 10\.00 EUR in April 2026 .*Note: read "spnd" as "spend"; read "aprl" as "april"\./s);
  });

  it('reads "how much money does C have" as the balance', () => {
    const decision = plan(conversation('How much money does C-000001 have?', [[coverage]]));
    expect(decision.kind === 'calls' && String(decision.calls[0]?.args.query)).toMatch(/FROM raw\.accounts a/);
  });

  it('averages income per month over the months with data, not spend on the category Income (was: 0.00 EUR)', () => {
    const question = 'average monthly income of C-000001 in 2026';
    const params = { customerId: 'C-000001', from: '2026-01-01', to: '2026-11-20' };
    expect(plan(conversation(question, [[coverage]]))).toEqual({ kind: 'calls', calls: [{ name: 'metrics', args: { metric: 'cashflow', ...params } }] });
    const rows = [
      { month: '2026-01', income: '3000.00', spend: '100.00', net: '2900.00', count: 5 },
      { month: '2026-02', income: '2500.05', spend: '100.00', net: '2400.05', count: 5 },
    ];
    const decision = plan(conversation(question, [[coverage], [metric('cashflow', params, rows)]]));
    // 5500.05 over the 11 months of 2026 the data covers: 500.00 (half-even on cents).
    expect(decision.kind === 'answer' && decision.text).toMatch(/average income per month in 2026 was 500\.00 EUR \(5500\.05 EUR over 11 months\)/);
    expect(decision.kind === 'answer' && decision.text).toMatch(/Interpreted as: average income per month · customer C-000001 · 2026-01-01\.\.2026-11-20/);
  });

  it('explains what it can do when it cannot tell what to compute', () => {
    const decision = plan(conversation('Is it?'));
    expect(decision.kind).toBe('answer');
    expect(decision.kind === 'answer' && decision.text).toMatch(/^I could not tell what to compute/);
  });
});

describe('OfflinePlannerChatModel', () => {
  it('is a tool-calling chat model: emits tool calls, then the answer', async () => {
    const model = new OfflinePlannerChatModel({ baseCurrency: 'EUR', today: '2026-11-20' }).bindTools([]);
    const asked = await model.invoke([new HumanMessage(QUESTION)]);
    const coverageId = asked.tool_calls?.[0]?.id ?? '';
    const covered = [new HumanMessage(QUESTION), asked, new ToolMessage({ tool_call_id: coverageId, content: JSON.stringify(coverage.result) })];
    const first = await model.invoke(covered);
    expect(AIMessage.isInstance(first)).toBe(true);
    expect(first.tool_calls).toEqual([expect.objectContaining({ name: 'metrics', args: { metric: 'spendByCategory', ...groceriesParams } })]);
    const id = first.tool_calls?.[0]?.id ?? '';
    const rows = [{ category: 'Groceries', subcategory: null, spend: '10.00', count: 1 }];
    const second = await model.invoke([
      ...covered,
      first,
      new ToolMessage({ tool_call_id: id, content: JSON.stringify({ metric: 'spendByCategory', params: groceriesParams, result: rows }) }),
    ]);
    expect(second.content).toBe(`Customer C-000042 spent 10.00 EUR on Groceries in October 2026 (1 transaction).${GROCERIES_OCTOBER}`);
  });
});
