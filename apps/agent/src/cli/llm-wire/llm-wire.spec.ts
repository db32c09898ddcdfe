import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadRawDataset } from '@ledgerline/duckdb';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { generateDataset } from '@ledgerline/transactions/generator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { RecordedLlmServer, type WireReply } from './recorded-llm-server.ts';

// Both LLM providers end to end over their real wire protocols: the agent CLI, with the real
// LangChain client of each provider, talks to a local server replaying the provider's own JSON
// (recorded/, written from OpenAI's chat-completions and Gemini's generateContent references),
// and its tools run on a real DuckDB warehouse. What is checked is what a real model's replies
// make the agent do: the tool it asked for runs, the result goes back in the provider's format
// under the call's id, a write the model asks for is refused by the SQL guard, and an API error
// is reported without the key.

const recorded = (name: string): WireReply => ({ body: JSON.parse(readFileSync(join(import.meta.dirname, 'recorded', name), 'utf8')) as unknown });
const QUESTION = 'How many grocery transactions are there?';
const OPENAI_KEY = 'sk-test-LEAKME-0123';
const GEMINI_KEY = 'AIzaSyTEST-LEAKME-0123';

interface Provider {
  readonly name: string;
  readonly file: string;
  env(url: string): Record<string, string>;
  /** The tool result the agent sent back on the second request, with the call id it answers. */
  toolResult(body: unknown): { id: string | undefined; content: string };
  /** The tool declarations of the first request. */
  toolNames(body: unknown): string[];
  readonly callId: string | undefined;
  readonly modelPattern: RegExp;
}

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

const PROVIDERS: Provider[] = [
  {
    name: 'OpenAI-compatible (chat completions)',
    file: 'openai',
    env: (url) => ({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: `${url}/v1`, LLM_MODEL: 'qwen2.5:7b-instruct', LLM_API_KEY: OPENAI_KEY }),
    toolResult(body) {
      const tool = arr((body as Json).messages).find((m) => m.role === 'tool');
      return { id: tool?.tool_call_id as string | undefined, content: String(tool?.content ?? '') };
    },
    toolNames: (body) => arr((body as Json).tools).map((t) => String((t.function as Json).name)),
    callId: 'call_x8k2m4qz',
    modelPattern: /OpenAI-compatible qwen2\.5:7b-instruct at 127\.0\.0\.1/,
  },
  {
    name: 'Gemini (generateContent)',
    file: 'gemini',
    env: (url) => ({ LLM_PROVIDER: 'gemini', GOOGLE_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: url }),
    toolResult(body) {
      const parts = arr((body as Json).contents).flatMap((c) => arr(c.parts));
      const response = parts.find((p) => p.functionResponse)?.functionResponse as Json | undefined;
      return { id: undefined, content: JSON.stringify(response?.response ?? '') };
    },
    toolNames: (body) => arr((body as Json).tools).flatMap((t) => arr(t.functionDeclarations)).map((f) => String(f.name)),
    callId: undefined,
    modelPattern: /Gemini gemini-2\.5-flash/,
  },
];

let dir: string;
let groceries: number;
let server: RecordedLlmServer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-llm-wire-'));
  await loadRawDataset(join(dir, 'warehouse.duckdb'), generateDataset({ seed: 11, customers: 5, months: 2, startMonth: '2026-03' }));
  groceries = await countGroceries();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const countGroceries = async () => Number(await probeDuckDb(join(dir, 'warehouse.duckdb')).scalar(`SELECT count(*) FROM raw.transactions WHERE category = 'Groceries' AND NOT _deleted`));
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function ask(env: Record<string, string>, question = QUESTION) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  stdin.end('');
  const code = await runCli(['ask', '--json', question], {
    io: { out: (t) => out.push(t), err: (t) => err.push(t) },
    streams: { input: stdin, output: new PassThrough(), terminal: false },
    env: { DATA_DIR: dir, DBT_PROJECT_DIR: 'dbt', LOG_LEVEL: 'warn', ...env },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(PROVIDERS)('agent over $name, recorded wire replies', (provider) => {
  it('runs the SQL the model asks for on the warehouse and sends the result back under its call id', async () => {
    server = await RecordedLlmServer.start([recorded(`${provider.file}-sql-${provider.file === 'openai' ? 'tool' : 'function'}-call.json`), recorded(`${provider.file}-final-answer.json`)]);
    const { code, out, err } = await ask(provider.env(server.url));
    expect(err).toBe('');
    expect(code).toBe(0);
    const answer = JSON.parse(out) as { status: string; answer: string; sql: string[]; model: string };
    expect(answer.status).toBe('answered');
    expect(answer.answer).toBe('I counted the grocery transactions with one SQL query; the count is in the result.\nInterpreted as: a SQL query written by the model (shown below).');
    expect(answer.model).toMatch(provider.modelPattern);
    // The statement as run: the model's query under the guard's row limit.
    expect(answer.sql).toHaveLength(1);
    expect(answer.sql[0]).toContain("WHERE category = 'Groceries' AND NOT _deleted");
    expect(server.requests).toHaveLength(2);
    expect(provider.toolNames(server.requests[0]?.body)).toEqual(expect.arrayContaining(['metrics', 'sql', 'schema', 'search']));
    const result = provider.toolResult(server.requests[1]?.body);
    expect(result.id).toBe(provider.callId);
    // The count from the warehouse, computed here independently, is what the model was shown.
    expect(result.content).toMatch(new RegExp(`"n\\\\?"\\s*:\\s*\\\\?"?${groceries}\\b`));
  });

  it('refuses a write the model asks for: the guard answers the model, nothing changes', async () => {
    server = await RecordedLlmServer.start([recorded(`${provider.file}-delete-${provider.file === 'openai' ? 'tool' : 'function'}-call.json`), recorded(`${provider.file}-gives-up.json`)]);
    const { code, out } = await ask(provider.env(server.url));
    // A turn whose tool call was refused is reported as failed (exit 1), with the guard's reason.
    expect(code).toBe(1);
    const answer = JSON.parse(out) as { status: string; answer: string; sql: string[]; errors: string[] };
    expect(answer.status).toBe('failed');
    expect(answer.answer).toBe('I cannot delete data: I only have read-only access.');
    expect(answer.sql).toEqual([]);
    expect(answer.errors).toEqual(['sql failed: SQL rejected (not_a_select): only SELECT or WITH queries may run, not DELETE']);
    const result = provider.toolResult(server.requests[1]?.body);
    expect(result.content).toContain('SQL rejected (not_a_select)');
    expect(await countGroceries()).toBe(groceries);
  });

  it('reports an API error without the key', async () => {
    const reply = recorded(`${provider.file}-unauthorized.json`);
    server = await RecordedLlmServer.start([{ status: provider.file === 'openai' ? 401 : 400, body: reply.body }]);
    const { code, out, err } = await ask(provider.env(server.url));
    expect(code).toBe(1);
    expect(`${out}\n${err}`).not.toContain(provider.file === 'openai' ? OPENAI_KEY : GEMINI_KEY);
    expect(`${out}\n${err}`).toMatch(/agent ask failed|API key|invalid/i);
  });
});

describe('LLM provider configuration', () => {
  it('refuses openai-compatible without a base URL and model, naming both (exit 2)', async () => {
    const { code, err } = await ask({ LLM_PROVIDER: 'openai-compatible' });
    expect(code).toBe(2);
    expect(err).toMatch(/LLM_BASE_URL: LLM_PROVIDER=openai-compatible needs/);
    expect(err).toMatch(/LLM_MODEL: LLM_PROVIDER=openai-compatible needs/);
  });

  it('refuses gemini without a key (exit 2)', async () => {
    const { code, err } = await ask({ LLM_PROVIDER: 'gemini' });
    expect(code).toBe(2);
    expect(err).toMatch(/GOOGLE_API_KEY: LLM_PROVIDER=gemini needs a Gemini API key/);
  });
});
