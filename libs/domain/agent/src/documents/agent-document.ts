import type { VectorMetadata } from '../vector-search/vector-index.port.ts';

/** Kinds of documents `agent index` collects from the warehouse; `kind` is also their metadata key, so searches can filter on it. */
export const DOCUMENT_KINDS = ['merchant', 'category', 'dbt_model', 'statement', 'monthly_summary'] as const;
/** Kinds indexed as they land, by their own indexer (news: news-indexer.ts), never collected. */
export const LANDED_DOCUMENT_KINDS = ['news'] as const;
export const INDEXED_DOCUMENT_KINDS = [...DOCUMENT_KINDS, ...LANDED_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof INDEXED_DOCUMENT_KINDS)[number];

/** A document before embedding. Its id is stable across runs, so refreshes replace it in place. */
export interface AgentDocument {
  readonly id: string;
  readonly kind: DocumentKind;
  /** Short label shown as the answer's source. */
  readonly title: string;
  readonly text: string;
  /** Filterable facts (customer_id, account_id, month, category...); `kind` and `title` are added. */
  readonly metadata: VectorMetadata;
}
