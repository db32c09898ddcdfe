import type { AnalyticsStore } from '@ledgerline/analytics';
import type { AgentDocument, DocumentKind } from './agent-document.ts';
import { categoryDocuments } from './category-documents.ts';
import { merchantDocuments } from './merchant-documents.ts';
import type { ModelDocsSource } from './model-docs.port.ts';
import { modelDocuments } from './model-documents.ts';
import { monthlySummaryDocuments, statementDocuments } from './summary-documents.ts';

export interface CollectDocumentsOptions {
  readonly store: AnalyticsStore;
  readonly modelDocs: ModelDocsSource;
  readonly baseCurrency: string;
  /** Months of statement and monthly summaries (latest N; default 12). */
  readonly summaryMonths?: number;
  /** Only these kinds (default: all). */
  readonly kinds?: readonly DocumentKind[];
  readonly onKind?: (kind: DocumentKind, count: number) => void;
}

/** Every document the agent indexes, built from the analytics store, the taxonomy and dbt docs. */
export async function collectDocuments(options: CollectDocumentsOptions): Promise<AgentDocument[]> {
  const wanted = (kind: DocumentKind) => !options.kinds || options.kinds.includes(kind);
  const summary = { months: options.summaryMonths ?? 12, baseCurrency: options.baseCurrency };
  const builders: Array<[DocumentKind, () => Promise<AgentDocument[]>]> = [
    ['category', async () => categoryDocuments()],
    ['dbt_model', async () => modelDocuments(await options.modelDocs.load())],
    ['merchant', () => merchantDocuments(options.store)],
    ['statement', () => statementDocuments(options.store, summary)],
    ['monthly_summary', () => monthlySummaryDocuments(options.store, summary)],
  ];
  const all: AgentDocument[] = [];
  for (const [kind, build] of builders) {
    if (!wanted(kind)) continue;
    const docs = await build();
    options.onKind?.(kind, docs.length);
    for (const doc of docs) all.push(doc); // no spread: summaries can exceed argument limits
  }
  return all;
}
