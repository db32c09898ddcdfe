import { ANALYTICS_STORE, type AnalyticsStore } from '@ledgerline/analytics';
import {
  CHAT_MODEL_FACTORY,
  createAgent,
  createAgentTools,
  EMBEDDER,
  MODEL_DOCS,
  VECTOR_INDEX,
  type Agent,
} from '@ledgerline/agent';
import { chromaFromEnv } from '@ledgerline/chroma';
import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot, token } from '@ledgerline/di';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import { llmFromEnv } from '@ledgerline/llm';
import type { Logger } from '@ledgerline/logging';
import { collectionName, sessionsDir } from './agent-paths.ts';
import { dbtFromEnv } from '@ledgerline/dbt';
import { FileCheckpointSaver } from './sessions/file-checkpoint-saver.ts';

export const ENV = token<LedgerlineEnv>('Env');
export const LOGGER = token<Logger>('Logger');
export const CHECKPOINTER = token<FileCheckpointSaver>('AgentCheckpointer');
export const AGENT = token<Agent>('Agent');

export interface ContainerOptions {
  /** `--today`: fixed date for relative questions. */
  readonly today?: string;
}

/**
 * The agent app's composition root (architecture §2): embedded defaults unless configured -
 * DuckDB analytics store (read-only), DuckDB vector index in data/vectors.duckdb or Chroma
 * (CHROMA_URL), local hashing embedder or Gemini embeddings, the offline planner, Gemini or an
 * OpenAI-compatible server (llmFromEnv: LLM_PROVIDER), dbt docs from DBT_PROJECT_DIR,
 * sessions in data/agent/sessions. Model and Chroma clients are imported only when configured.
 */
export async function buildContainer(env: LedgerlineEnv, logger: Logger, options: ContainerOptions = {}): Promise<CompositionRoot> {
  const root = new CompositionRoot().value(ENV, env).value(LOGGER, logger);
  const duckdb = duckDbFromEnv(env);
  const path = duckdb.paths.analytics;

  root.bind(ANALYTICS_STORE, () => {
    const store: AnalyticsStore = duckdb.analyticsStore({ logger: logger.child('duckdb') });
    root.onDispose('analytics store', () => store.close());
    return store;
  }, `DuckDB ${path} (read-only)`);

  const llm = await llmFromEnv(env, { baseCurrency: env.BASE_CURRENCY, ...(options.today ? { today: options.today } : {}) });
  const embedder = llm.embedder;
  root.value(EMBEDDER, embedder, llm.embedderDescription);
  root.value(CHAT_MODEL_FACTORY, llm.chatModels, llm.chatModels.description);

  const collection = collectionName(embedder.id);
  const chroma = chromaFromEnv(env);
  if (chroma) {
    const index = await chroma.vectorIndex(collection);
    root.value(VECTOR_INDEX, index, index.description);
  } else {
    const index = duckdb.vectorIndex(collection);
    root.onDispose('vector index', () => index.close());
    root.value(VECTOR_INDEX, index, index.description);
  }
  // The agent runs from the repository root (nx, npm scripts): DBT_PROJECT_DIR is relative to it.
  const dbt = dbtFromEnv(env, { repoRoot: process.cwd() });
  root.value(MODEL_DOCS, dbt.modelDocs(), `dbt docs in ${dbt.projectDir}`);
  root.value(CHECKPOINTER, new FileCheckpointSaver(sessionsDir(env)), `session files in ${sessionsDir(env)}`);

  root.bind(AGENT, (resolve) =>
    createAgent({
      chatModels: resolve(CHAT_MODEL_FACTORY),
      tools: createAgentTools({
        store: resolve(ANALYTICS_STORE),
        embedder: resolve(EMBEDDER),
        index: resolve(VECTOR_INDEX),
        modelDocs: resolve(MODEL_DOCS),
        sqlRowLimit: env.AGENT_SQL_ROW_LIMIT,
      }),
      maxSteps: env.AGENT_MAX_STEPS,
      baseCurrency: env.BASE_CURRENCY,
      sqlRowLimit: env.AGENT_SQL_ROW_LIMIT,
      checkpointer: resolve(CHECKPOINTER),
      ...(options.today ? { today: options.today } : {}),
    }),
  );
  return root;
}
