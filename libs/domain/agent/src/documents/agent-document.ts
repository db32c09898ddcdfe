import type { VectorMetadata } from '../vector-search/vector-index.port.ts';

/** Kinds of indexed documents; `kind` is also their metadata key, so searches can filter on it. */
export const DOCUMENT_KINDS = ['merchant', 'category', 'dbt_model', 'statement', 'monthly_summary'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

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
