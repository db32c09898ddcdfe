// The agent domain (architecture §2, issue #9): a LangGraph graph that answers read-only
// questions with tools over the analytics store, the offline planner (a tool-calling chat model
// that needs no network) and the document index. Ports: VectorIndex, Embedder,
// ChatModelFactory, ModelDocsSource.

// Ports
export {
  VECTOR_INDEX,
  CONTENT_HASH_KEY,
  VectorDimensionError,
  isVectorRange,
  type VectorRange,
  type VectorIndex,
  type VectorDocument,
  type VectorFilter,
  type VectorMatch,
  type VectorMetadata,
  type VectorMetadataValue,
} from './vector-search/vector-index.port.ts';
export { EMBEDDER, type Embedder } from './vector-search/embedder.port.ts';
export { CHAT_MODEL_FACTORY, type ChatModelFactory } from './graph/chat-model-factory.port.ts';
export { MODEL_DOCS, noModelDocs, type ModelDocsSource, type ModelDoc, type ModelColumnDoc } from './documents/model-docs.port.ts';

// Embedded implementations without I/O
export { HashingEmbedder, type HashingEmbedderOptions } from './vector-search/hashing-embedder.ts';
export { InMemoryVectorIndex, matchesFilter } from './vector-search/in-memory-vector-index.ts';
export { releasedVectorIndex } from './vector-search/released-vector-index.ts';
export { cosineSimilarity } from './vector-search/cosine-similarity.ts';

// The graph
export { createAgent, type Agent, type AgentOptions } from './graph/create-agent.ts';
export { buildAgentGraph, type AgentGraph, type AgentGraphOptions } from './graph/build-agent-graph.ts';
export { askAgent, type AgentAnswer, type AskOptions } from './graph/ask-agent.ts';
export { AgentState, type AgentStateValue, type AnswerStatus, type ToolCallRecord } from './graph/agent-state.ts';
export { routeQuestion, HELP_MESSAGE, type RouteDecision, type RefusalReason } from './graph/route-question.ts';
export { DEFAULT_MAX_TURNS_KEPT, trimTurns } from './graph/nodes/route-node.ts';
export { BoundedMemorySaver, DEFAULT_SESSION_BOUNDS, type SessionBounds } from './sessions/bounded-memory-saver.ts';
export { systemPrompt, type SystemPromptOptions } from './graph/system-prompt.ts';

// Tools
export { createAgentTools, type AgentToolDeps } from './tools/create-agent-tools.ts';
export { defineTool, ToolError, type AgentTool, type AnswerSource, type ToolOutcome } from './tools/agent-tool.ts';
export { createMetricsTool, METRICS_TOOL_NAMES } from './tools/metrics-tool.ts';
export { createSqlTool, type SqlToolOptions } from './tools/sql-tool.ts';
export { createSearchTool } from './tools/search-tool.ts';
export { createSchemaTool } from './tools/schema-tool.ts';
export { createNewsTool } from './tools/news-tool.ts';
export { sqlAllowList, RAW_RELATIONS } from './tools/sql-allow-list.ts';

// The offline planner
export { OfflinePlannerChatModel, type OfflinePlannerOptions } from './planner/offline-planner-model.ts';
export { offlineChatModelFactory, type OfflineChatModelOptions } from './planner/offline-chat-model-factory.ts';
export { parseQuestion, followUp } from './planner/parse-question.ts';
export type { QuestionIntent, MetricKind, Dimension } from './planner/question-intent.ts';
export { findTimeSpecs, resolveTimeSpec, rangeLabel, type TimeSpec, type DayRange } from './planner/time-range.ts';

// Documents and indexing
export { DOCUMENT_KINDS, LANDED_DOCUMENT_KINDS, INDEXED_DOCUMENT_KINDS, type AgentDocument, type DocumentKind } from './documents/agent-document.ts';
export { createNewsIndexer, type NewsIndexerOptions } from './news/news-indexer.ts';
export { newsDocument, newsDocumentId, newsFilter, mentionKey, NEWS_ID_PREFIX } from './news/news-document.ts';
export { collectDocuments, type CollectDocumentsOptions } from './documents/collect-documents.ts';
export { indexDocuments, type IndexDocumentsOptions, type IndexProgress, type IndexReport } from './documents/index-documents.ts';
export { categoryDocuments } from './documents/category-documents.ts';
export { modelDocuments } from './documents/model-documents.ts';
export { contentHash } from './documents/content-hash.ts';
export { collectionName } from './vector-search/collection-name.ts';
