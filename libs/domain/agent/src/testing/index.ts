// Test helpers of @ledgerline/agent (import from '@ledgerline/agent/testing' in specs only).
export { describeVectorIndexContract, type VectorIndexUnderTest } from './vector-index.contract.ts';
export { ScriptedChatModel, type ScriptedReply } from './scripted-chat-model.ts';
export { stubAnalyticsStore } from './stub-analytics-store.ts';
export { describeNewsRetrievalContract } from './news-retrieval.contract.ts';
