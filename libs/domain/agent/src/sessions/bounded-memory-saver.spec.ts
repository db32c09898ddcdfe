import { HumanMessage, type BaseMessage } from '@langchain/core/messages';
import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { askAgent } from '../graph/ask-agent.ts';
import { buildAgentGraph } from '../graph/build-agent-graph.ts';
import { ScriptedChatModel } from '../testing/scripted-chat-model.ts';
import { stubAnalyticsStore } from '../testing/stub-analytics-store.ts';
import { createMetricsTool } from '../tools/metrics-tool.ts';
import { BoundedMemorySaver } from './bounded-memory-saver.ts';

// Each turn is one tool call (a metric) and a final answer, as the planner's turns look; a fresh
// scripted model per turn, on a graph sharing one checkpointer (the memory under test).
function agentWith(checkpointer: BaseCheckpointSaver, maxTurnsKept?: number) {
  const store = stubAnalyticsStore({ spendByCategory: async () => [{ category: 'Groceries', subcategory: null, spend: '412.37', count: 23 }] });
  const graph = () =>
    buildAgentGraph({
      model: new ScriptedChatModel([{ toolCalls: [{ name: 'spend_by_category', args: {} }] }, 'Groceries: 412.37 EUR.']),
      tools: [createMetricsTool(store)].flat(),
      maxSteps: 3,
      systemPrompt: 'test',
      checkpointer,
      ...(maxTurnsKept ? { maxTurnsKept } : {}),
    });
  let built = graph();
  return {
    async ask(question: string, session = 's1') {
      built = graph();
      return askAgent(built, question, session, { maxSteps: 3 });
    },
    async messages(session = 's1'): Promise<BaseMessage[]> {
      const state = await built.getState({ configurable: { thread_id: session } });
      return (state.values as { messages?: BaseMessage[] }).messages ?? [];
    },
  };
}

/** Bytes the saver holds for all sessions: what grows RSS. */
function heldBytes(saver: MemorySaver): number {
  let bytes = 0;
  for (const namespaces of Object.values(saver.storage)) {
    for (const checkpoints of Object.values(namespaces)) for (const [c, m] of Object.values(checkpoints)) bytes += c.byteLength + m.byteLength;
  }
  for (const writes of Object.values(saver.writes)) for (const [, , value] of Object.values(writes)) bytes += value.byteLength;
  return bytes;
}

describe('bounded conversation memory', () => {
  it('keeps the newest turns of a session, the newest checkpoints, and constant memory over many turns', async () => {
    const saver = new BoundedMemorySaver({ checkpointsPerSession: 2, maxSessions: 10, ttlMs: 60_000 });
    const agent = agentWith(saver, 4);
    const sizes: number[] = [];
    for (let turn = 1; turn <= 60; turn += 1) {
      const answer = await agent.ask(`question ${turn}: spend by category?`);
      expect(answer.answer).toContain('412.37');
      if (turn % 20 === 0) sizes.push(heldBytes(saver));
    }
    const humans = (await agent.messages()).filter((m) => HumanMessage.isInstance(m)).map((m) => String(m.content));
    expect(humans).toEqual(['question 57: spend by category?', 'question 58: spend by category?', 'question 59: spend by category?', 'question 60: spend by category?']);
    expect(saver.checkpointCount('s1')).toBeLessThanOrEqual(2);
    // Turn 20, 40 and 60 hold about the same: the memory does not grow with the session's length.
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.2);
  });

  it('the unbounded MemorySaver the dashboard used grows with every turn (the defect)', async () => {
    const saver = new MemorySaver();
    const agent = agentWith(saver);
    const sizes: number[] = [];
    for (let turn = 1; turn <= 40; turn += 1) {
      await agent.ask(`question ${turn}`);
      if (turn % 20 === 0) sizes.push(heldBytes(saver));
    }
    // Every checkpoint re-stores the whole conversation: twice the turns, more than twice the bytes.
    expect((sizes[1] ?? 0) / (sizes[0] ?? 1)).toBeGreaterThan(2.5);
  });

  it('drops the least recently used session beyond maxSessions, and sessions idle past the TTL', async () => {
    let now = 0;
    const saver = new BoundedMemorySaver({ checkpointsPerSession: 2, maxSessions: 3, ttlMs: 1_000 }, () => now);
    const agent = agentWith(saver);
    for (const session of ['a', 'b', 'c']) await agent.ask(`first in ${session}`, session);
    await agent.ask('again in a', 'a');
    await agent.ask('first in d', 'd'); // b is the least recently used now
    expect(saver.sessionCount()).toBe(3);
    expect(saver.checkpointCount('b')).toBe(0);
    expect((await agent.messages('a')).filter((m) => HumanMessage.isInstance(m))).toHaveLength(2);
    now = 5_000;
    expect(saver.sessionCount()).toBe(0);
    expect(await agent.messages('a')).toEqual([]);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => new BoundedMemorySaver({ checkpointsPerSession: 0, maxSessions: 1, ttlMs: 1 })).toThrow(/checkpointsPerSession/);
  });
});
