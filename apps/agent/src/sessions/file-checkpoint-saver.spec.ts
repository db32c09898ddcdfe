import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HumanMessage } from '@langchain/core/messages';
import { askAgent, buildAgentGraph, createAgentTools, HashingEmbedder, InMemoryVectorIndex, noModelDocs } from '@ledgerline/agent';
import { ScriptedChatModel, stubAnalyticsStore } from '@ledgerline/agent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCheckpointSaver } from './file-checkpoint-saver.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function agentWith(saver: FileCheckpointSaver, script: string[]) {
  const model = new ScriptedChatModel(script);
  const tools = createAgentTools({ store: stubAnalyticsStore({}), embedder: new HashingEmbedder(), index: new InMemoryVectorIndex(), modelDocs: noModelDocs, sqlRowLimit: 10 });
  const graph = buildAgentGraph({ model, tools, maxSteps: 3, systemPrompt: 'test', checkpointer: saver });
  return { model, ask: (q: string, session: string) => askAgent(graph, q, session, { maxSteps: 3 }) };
}

describe('FileCheckpointSaver', () => {
  it('persists a session so that a new process resumes the conversation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-'));
    dirs.push(dir);
    const first = agentWith(new FileCheckpointSaver(dir), ['one', 'two']);
    await first.ask('How much did C-000001 spend in March 2026?', 'chat-1');
    await first.ask('And in April?', 'chat-1');

    const saver = new FileCheckpointSaver(dir);
    expect(saver.hasSession('chat-1')).toBe(true);
    expect(saver.hasSession('chat-2')).toBe(false);
    const second = agentWith(saver, ['three']);
    const answer = await second.ask('And in May?', 'chat-1');
    expect(answer.answer).toBe('three');
    const seen = (second.model.seen[0] ?? []).filter((m) => HumanMessage.isInstance(m)).map((m) => String(m.content));
    expect(seen).toEqual(['How much did C-000001 spend in March 2026?', 'And in April?', 'And in May?']);
  });

  it('keeps only the latest checkpoints in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-'));
    dirs.push(dir);
    const { ask } = agentWith(new FileCheckpointSaver(dir, 2), ['a', 'b', 'c', 'd']);
    for (const q of ['How much in March 2026?', 'and April?', 'and May?', 'and June?']) await ask(q, 'keep');
    const file = JSON.parse(readFileSync(join(dir, 'keep.json'), 'utf8')) as { storage: Record<string, Record<string, unknown>> };
    expect(Object.keys(file.storage[''] ?? {})).toHaveLength(2);
  });

  it('rejects session ids that are not file-name safe, and names a corrupt file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-'));
    dirs.push(dir);
    const saver = new FileCheckpointSaver(dir);
    expect(() => saver.hasSession('../x')).toThrow(/invalid session id/);
    writeFileSync(join(dir, 'bad.json'), '{"version":2}');
    await expect(saver.getTuple({ configurable: { thread_id: 'bad' } })).rejects.toThrow(/not a Ledgerline session/);
  });
});
