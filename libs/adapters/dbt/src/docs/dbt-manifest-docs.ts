import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelDoc } from '@ledgerline/agent';
import { z } from 'zod';

const manifestNode = z
  .object({
    name: z.string(),
    resource_type: z.string(),
    schema: z.string().optional(),
    description: z.string().optional().default(''),
    original_file_path: z.string().optional(),
    columns: z.record(z.string(), z.object({ name: z.string(), description: z.string().optional().default(''), data_type: z.string().nullable().optional() }).loose()).optional().default({}),
  })
  .loose();
const manifestSchema = z.object({ nodes: z.record(z.string(), manifestNode), sources: z.record(z.string(), manifestNode).optional().default({}) }).loose();
const catalogSchema = z
  .object({ nodes: z.record(z.string(), z.object({ columns: z.record(z.string(), z.object({ type: z.string() }).loose()) }).loose()).optional().default({}) })
  .loose();

const RESOURCE_TYPES = new Set(['model', 'seed', 'snapshot', 'source']);

/**
 * Docs from dbt's compiled artifacts (target/manifest.json, plus column types from
 * target/catalog.json after `dbt docs generate`); undefined when there is no manifest.
 */
export function readDbtManifestDocs(projectDir: string): ModelDoc[] | undefined {
  const manifestPath = join(projectDir, 'target', 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!manifest.success) return undefined;
  const catalogPath = join(projectDir, 'target', 'catalog.json');
  const catalog = existsSync(catalogPath) ? catalogSchema.safeParse(JSON.parse(readFileSync(catalogPath, 'utf8'))) : undefined;
  const types = catalog?.success ? catalog.data.nodes : {};
  const docs: ModelDoc[] = [];
  for (const [uid, n] of [...Object.entries(manifest.data.nodes), ...Object.entries(manifest.data.sources)]) {
    if (!RESOURCE_TYPES.has(n.resource_type)) continue;
    const columnTypes = types[uid]?.columns ?? {};
    docs.push({
      name: n.name,
      resourceType: n.resource_type as ModelDoc['resourceType'],
      ...(n.schema ? { schema: n.schema } : {}),
      description: n.description.trim().replace(/\s+/g, ' '),
      columns: Object.values(n.columns).map((c) => {
        const type = columnTypes[c.name]?.type ?? columnTypes[c.name.toUpperCase()]?.type ?? c.data_type ?? undefined;
        return { name: c.name, description: c.description.trim().replace(/\s+/g, ' '), ...(type ? { type } : {}) };
      }),
      ...(n.original_file_path ? { path: n.original_file_path } : {}),
    });
  }
  return docs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
