import { z } from 'zod';
import { INDEXED_DOCUMENT_KINDS } from '../documents/agent-document.ts';
import type { Embedder } from '../vector-search/embedder.port.ts';
import type { VectorIndex, VectorMetadataValue } from '../vector-search/vector-index.port.ts';
import { defineTool, ToolError, type AnswerSource } from './agent-tool.ts';

export const searchArgsSchema = z.object({
  query: z.string().trim().min(1).max(500).describe('what to look for, in words'),
  k: z.number().int().min(1).max(20).optional().describe('how many documents (default 5)'),
  kind: z.enum(INDEXED_DOCUMENT_KINDS).optional().describe('only this kind of document'),
  customerId: z.string().optional().describe('only documents about this customer'),
  accountId: z.string().optional().describe('only documents about this account'),
  month: z.string().optional().describe('only documents about this month, YYYY-MM'),
});

/**
 * The `search` tool: nearest indexed documents (merchant descriptions, categories with their
 * MCCs, dbt model docs, statement and monthly summaries) to the query. With the local embedder
 * this is lexical matching (shared words and n-grams), with Gemini embeddings semantic.
 */
export function createSearchTool(embedder: Embedder, index: VectorIndex) {
  return defineTool({
    name: 'search',
    description:
      'Finds indexed documents near a text: merchants (name, category, MCC), categories and subcategories, dbt model ' +
      'docs, account statement summaries and monthly customer summaries. Use it to find exact merchant or category ' +
      'names and to answer "what is / which ..." questions; numbers in documents may be older than the metrics.',
    schema: searchArgsSchema,
    async run(args) {
      const filter: Record<string, VectorMetadataValue> = {};
      if (args.kind) filter.kind = args.kind;
      if (args.customerId) filter.customer_id = args.customerId;
      if (args.accountId) filter.account_id = args.accountId;
      if (args.month) filter.month = args.month;
      const embedding = await embedder.embedQuery(args.query);
      const matches = await index.query(embedding, args.k ?? 5, Object.keys(filter).length > 0 ? filter : undefined);
      if (matches.length === 0 && (await index.count()) === 0) {
        throw new ToolError('the document index is empty; run `agent index` first');
      }
      const documents = matches.map((m) => ({
        id: m.id,
        title: typeof m.metadata.title === 'string' ? m.metadata.title : m.id,
        score: Math.round(m.score * 10_000) / 10_000,
        text: m.text,
        metadata: m.metadata,
      }));
      const sources: AnswerSource[] = documents.map((d) => ({ kind: 'document', id: d.id, title: d.title, score: d.score }));
      return { content: { query: args.query, filter, documents }, sources };
    },
  });
}
