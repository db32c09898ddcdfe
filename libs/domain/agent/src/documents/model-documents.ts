import type { AgentDocument } from './agent-document.ts';
import type { ModelDoc } from './model-docs.port.ts';

/** One document per dbt model/seed/source with its description and its columns' descriptions. */
export function modelDocuments(docs: readonly ModelDoc[]): AgentDocument[] {
  return docs.map((doc) => {
    const qualified = doc.schema ? `${doc.schema}.${doc.name}` : doc.name;
    const columns = doc.columns.map((c) => `${c.name}${c.type ? ` (${c.type})` : ''}${c.description ? `: ${c.description}` : ''}`);
    return {
      id: `dbt:${doc.resourceType}:${qualified}`,
      kind: 'dbt_model',
      title: `dbt ${doc.resourceType} ${qualified}`,
      text: `dbt ${doc.resourceType} ${qualified}. ${doc.description || 'No description.'}${columns.length > 0 ? ` Columns: ${columns.join('; ')}.` : ''}`,
      metadata: { relation: qualified, resource_type: doc.resourceType },
    };
  });
}
