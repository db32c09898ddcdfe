import type { AnalyticsStore, RelationDescription } from '@ledgerline/analytics';
import { z } from 'zod';
import type { ModelDoc, ModelDocsSource } from '../documents/model-docs.port.ts';
import { defineTool, ToolError } from './agent-tool.ts';

export const schemaArgsSchema = z.object({
  relation: z.string().optional().describe('one relation (e.g. raw.transactions or marts.fct_transactions); omit for all'),
});

export interface SchemaToolOptions {
  /** Relations the sql tool may read; only these are described. */
  readonly allowedRelations: () => Promise<readonly string[]>;
}

interface DescribedRelation {
  relation: string;
  kind: RelationDescription['kind'];
  description: string | null;
  columns: Array<{ name: string; type: string; description: string | null }>;
}

function describeRelation(relation: RelationDescription, doc: ModelDoc | undefined): DescribedRelation {
  const columnDocs = new Map((doc?.columns ?? []).map((c) => [c.name.toLowerCase(), c.description]));
  return {
    relation: `${relation.schema}.${relation.name}`,
    kind: relation.kind,
    description: doc?.description || null,
    columns: relation.columns.map((c) => ({ name: c.name, type: c.type, description: columnDocs.get(c.name.toLowerCase()) || null })),
  };
}

/**
 * The `schema` tool: tables and columns the agent may query (the store's describeSchema, limited
 * to the SQL allow-list), annotated with dbt's model and column descriptions when present.
 */
export function createSchemaTool(store: AnalyticsStore, docs: ModelDocsSource, options: SchemaToolOptions) {
  return defineTool({
    name: 'schema',
    description: 'Describes the relations (tables/views) the sql tool may read, with column types and dbt descriptions.',
    schema: schemaArgsSchema,
    async run({ relation }) {
      const [schema, modelDocs, allowed] = await Promise.all([store.describeSchema(), docs.load(), options.allowedRelations()]);
      const allowSet = new Set(allowed.map((a) => a.toLowerCase()));
      const docByName = new Map(modelDocs.map((d) => [d.name.toLowerCase(), d]));
      const wanted = relation?.trim().toLowerCase();
      const relations = schema.relations
        .filter((r) => allowSet.has(`${r.schema}.${r.name}`.toLowerCase()))
        .filter((r) => !wanted || `${r.schema}.${r.name}`.toLowerCase() === wanted || r.name.toLowerCase() === wanted)
        .map((r) => describeRelation(r, docByName.get(r.name.toLowerCase())));
      if (wanted && relations.length === 0) {
        throw new ToolError(`no relation ${relation} among those the agent may read (${[...allowSet].sort().join(', ')})`);
      }
      return { content: { relations }, sources: [{ kind: 'schema', relations: relations.length }] };
    },
  });
}
