import { createAgentTools, HashingEmbedder, InMemoryVectorIndex, noModelDocs, ToolError, type AgentTool } from '@ledgerline/agent';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAnalyticsFile, type SeededAnalyticsFile } from '../testing/seeded-analytics-file.ts';

// The agent's SQL tool on the dashboard's DuckDB store: a query past the tool's timeout is
// interrupted in DuckDB, so the question after it answers at once (it used to queue behind the
// abandoned query until DuckDB's own 30 s limit).

let seeded: SeededAnalyticsFile;
let store: DuckDbAnalyticsStore;
let sql: AgentTool;

beforeAll(async () => {
  seeded = await seedAnalyticsFile({ customers: 6, months: 2 });
  store = new DuckDbAnalyticsStore({ path: seeded.path });
  const tools = createAgentTools({ store, embedder: new HashingEmbedder(), index: new InMemoryVectorIndex(), modelDocs: noModelDocs, sqlRowLimit: 50, sqlTimeoutMs: 400 });
  sql = tools.find((t) => t.name === 'sql') as AgentTool;
});

afterAll(async () => {
  await store?.close();
  seeded?.dispose();
});

describe('agent SQL tool timeout', () => {
  it('interrupts the query at its timeout, and the next query answers', async () => {
    // A four-way self join: hours of work for DuckDB, nothing a user could wait for.
    const slow =
      'SELECT count(*) AS n FROM raw.transactions a, raw.transactions b, raw.transactions c, raw.transactions d ' +
      'WHERE hash(a.tx_id, b.tx_id, c.tx_id, d.tx_id) % 1000003 = 7';
    const started = Date.now();
    const failure = await sql.run({ query: slow }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ToolError);
    expect(Date.now() - started).toBeLessThan(2_500);

    const next = Date.now();
    const answer = await sql.run({ query: 'SELECT count(*) AS n FROM raw.transactions WHERE NOT _deleted' });
    expect(Date.now() - next).toBeLessThan(2_000);
    const content = answer.content as { rows: Array<{ n: unknown }> };
    expect(Number(content.rows[0]?.n)).toBe(seeded.dataset.transactions.length);
    expect(String((failure as Error).message)).toMatch(/within 400 ms and was interrupted/);
  });
});
