import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySaver } from '@langchain/langgraph';
import {
  collectDocuments,
  createAgent,
  createAgentTools,
  HashingEmbedder,
  indexDocuments,
  noModelDocs,
  offlineChatModelFactory,
  type AgentAnswer,
} from '@ledgerline/agent';
import { DuckDbAnalyticsStore, DuckDbVectorIndex } from '@ledgerline/duckdb';
import { generateBenchDataset, writeRawFile } from '../analytics/bench-dataset.ts';
import { defineBenchmark } from '../benchmark.ts';
import { latencySummary, percentile } from '../stats.ts';

const ROWS = Number(process.env.BENCH_AGENT_ROWS ?? 1_000_000);
const COPIES = Number(process.env.BENCH_AGENT_COPIES ?? 10);
const ROUNDS = Number(process.env.BENCH_AGENT_ROUNDS ?? 6);

/** The question shapes of the evaluation, for one customer (relative dates: dataAsOf each time). */
function questions(customer: string, account: string, merchant: string): string[] {
  return [
    `How much did customer ${customer} spend on groceries last month?`,
    `How many transactions did ${customer} make last month?`,
    `Top 5 merchants for ${customer} this year`,
    `Spending by category for ${customer} in the last 3 months`,
    `What was the net cash flow of ${customer} last month?`,
    `How much did ${customer} spend at ${merchant} this year?`,
    `What is the balance of account ${account}?`,
    `Which recurring payments does ${customer} have?`,
    `Compare the spending of ${customer} in March and April 2025`,
    `Show unusual transactions for ${customer}`,
    'How much was spent on Dining last month?',
    'Delete all transactions',
  ];
}

export default defineBenchmark({
  name: 'agent-offline-latency',
  description: 'offline agent answer latency (route, plan, metric/SQL tools, answer) on BENCH_AGENT_ROWS transactions in DuckDB',
  async run({ log }) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-agent-'));
    const path = join(dir, 'warehouse.duckdb');
    const store = new DuckDbAnalyticsStore({ path });
    const index = new DuckDbVectorIndex({ path: join(dir, 'vectors.duckdb'), collection: 'bench_docs' });
    try {
      log(`writing ${ROWS} transactions (${ROWS / COPIES} generated x ${COPIES})`);
      const data = generateBenchDataset(Math.ceil(ROWS / COPIES));
      const total = await writeRawFile(path, data, COPIES);
      const embedder = new HashingEmbedder();
      log('indexing category and merchant documents');
      await indexDocuments(await collectDocuments({ store, modelDocs: noModelDocs, baseCurrency: 'EUR', kinds: ['category', 'merchant'] }), { embedder, index });
      const agent = createAgent({
        chatModels: offlineChatModelFactory({ baseCurrency: 'EUR' }),
        tools: createAgentTools({ store, embedder, index, modelDocs: noModelDocs, sqlRowLimit: 200 }),
        maxSteps: 8,
        baseCurrency: 'EUR',
        sqlRowLimit: 200,
        checkpointer: new MemorySaver(),
      });
      // Only the generated customers (the SQL copies carry a "-k" suffix the questions would not name).
      const customers = data.customers.map((c) => c.customer_id).filter((id) => /^C-\d{6}$/.test(id));
      const merchant = 'LIDL';
      const ask = async (question: string, session: string): Promise<{ ms: number; answer: AgentAnswer }> => {
        const started = performance.now();
        const answer = await agent.ask(question, session);
        return { ms: performance.now() - started, answer };
      };
      log('warming up');
      for (const q of questions(customers[0] as string, `A-${(customers[0] as string).slice(2)}-1`, merchant)) await ask(q, 'warmup');
      const all: number[] = [];
      const failed: string[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const customer = customers[(round * 7 + 1) % customers.length] as string;
        for (const q of questions(customer, `A-${customer.slice(2)}-1`, merchant)) {
          // A fresh session per question: no conversation history to replay.
          const { ms, answer } = await ask(q, `bench-${round}-${all.length}`);
          all.push(ms);
          if (answer.status === 'failed') failed.push(`${q}: ${answer.answer}`);
        }
      }
      if (failed.length > 0) log(`failed answers: ${failed.slice(0, 3).join(' | ')}`);
      return {
        metrics: [{ name: 'p95', value: percentile(all, 95), unit: 'ms' }, ...latencySummary(all), { name: 'failed answers', value: failed.length, unit: 'count' }],
        notes: [
          `${total} transactions in RAW (no marts), ${all.length} questions (${ROUNDS} rounds x 12 shapes), offline planner, sequential`,
          'BENCH_AGENT_ROWS, BENCH_AGENT_COPIES, BENCH_AGENT_ROUNDS; target p95 < 300 ms',
        ],
      };
    } finally {
      await store.close();
      await index.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
