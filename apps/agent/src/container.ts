import { ANALYTICS_STORE, type AnalyticsStore } from '@ledgerline/analytics';
import {
  CHAT_MODEL_FACTORY,
  createAgent,
  createAgentTools,
  EMBEDDER,
  HashingEmbedder,
  MODEL_DOCS,
  offlineChatModelFactory,
  VECTOR_INDEX,
  type Agent,
  type ChatModelFactory,
  type Embedder,
} from '@ledgerline/agent';
import { chromaFromEnv } from '@ledgerline/chroma';
import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot, token } from '@ledgerline/di';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import { collectionName, sessionsDir } from './agent-paths.ts';
import { dbtFromEnv } from '@ledgerline/dbt';
import { FileCheckpointSaver } from './sessions/file-checkpoint-saver.ts';
import { resolveChatProvider, type ChatProvider } from './chat-provider.ts';

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
 * OpenAI-compatible server (LLM_PROVIDER, see chat-provider.ts), dbt docs from DBT_PROJECT_DIR,
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

  const embedder = await embedderFor(env);
  const chatModels = await chatModelsFor(resolveChatProvider(env), env, options);
  root.value(EMBEDDER, embedder, env.GOOGLE_API_KEY ? `Gemini embeddings ${env.GEMINI_EMBEDDING_MODEL}` : `local hashing embedder (${embedder.id}, lexical)`);
  root.value(CHAT_MODEL_FACTORY, chatModels, chatModels.description);

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

/** The chat model factory of the chosen provider; its client library is loaded only when used. */
async function chatModelsFor(provider: ChatProvider, env: LedgerlineEnv, options: ContainerOptions): Promise<ChatModelFactory> {
  switch (provider.kind) {
    case 'offline':
      return offlineChatModelFactory({ baseCurrency: env.BASE_CURRENCY, ...(options.today ? { today: options.today } : {}) });
    case 'gemini': {
      const gemini = await import('@ledgerline/google-genai');
      return gemini.geminiChatModelFactory(gemini.geminiConfigSchema.parse(env));
    }
    case 'openai-compatible': {
      const openai = await import('@ledgerline/openai-compatible');
      return openai.openAiCompatibleChatModelFactory(openai.openAiCompatibleConfigSchema.parse(env));
    }
  }
}

/** Embeddings follow the key (Gemini's, else the local lexical embedder) whichever model chats. */
async function embedderFor(env: LedgerlineEnv): Promise<Embedder> {
  if (!env.GOOGLE_API_KEY) return new HashingEmbedder();
  const gemini = await import('@ledgerline/google-genai');
  return new gemini.GeminiEmbedder(gemini.geminiConfigSchema.parse(env));
}
