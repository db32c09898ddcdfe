import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ModelDoc } from '@ledgerline/agent';
import { parse } from 'yaml';
import { z } from 'zod';

const column = z.object({ name: z.string(), description: z.string().optional().default('') }).loose();
const node = z.object({ name: z.string(), description: z.string().optional().default(''), columns: z.array(column).optional().default([]) }).loose();
const yamlFileSchema = z
  .object({
    models: z.array(node).optional(),
    seeds: z.array(node).optional(),
    snapshots: z.array(node).optional(),
    sources: z.array(z.object({ name: z.string(), schema: z.string().optional(), tables: z.array(node).optional().default([]) }).loose()).optional(),
  })
  .loose();

function yamlFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(yamlFiles(path));
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

/** dbt_project.yml routes models/<folder>/ into schema <folder> (`+schema: marts`, `staging`). */
function schemaFromPath(projectDir: string, file: string): string | undefined {
  const [top, folder] = relative(projectDir, file).split(sep);
  if (top === 'models' && folder && !folder.endsWith('.yml')) return folder;
  if (top === 'seeds') return 'reference';
  if (top === 'snapshots') return 'snapshots';
  return undefined;
}

/** Model, seed, snapshot and source docs from the YAML files of a dbt project (no dbt run needed). */
export function readDbtYamlDocs(projectDir: string): ModelDoc[] {
  const docs: ModelDoc[] = [];
  for (const folder of ['models', 'seeds', 'snapshots']) {
    for (const file of yamlFiles(join(projectDir, folder))) {
      const parsed = yamlFileSchema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
      if (!parsed.success) continue; // not a properties file (e.g. a selector); dbt would say more
      const path = relative(projectDir, file);
      const schema = schemaFromPath(projectDir, file);
      const add = (resourceType: ModelDoc['resourceType'], n: z.output<typeof node>, schemaName: string | undefined) =>
        docs.push({
          name: n.name,
          resourceType,
          ...(schemaName ? { schema: schemaName } : {}),
          description: n.description.trim().replace(/\s+/g, ' '),
          columns: n.columns.map((c) => ({ name: c.name, description: c.description.trim().replace(/\s+/g, ' ') })),
          path,
        });
      for (const n of parsed.data.models ?? []) add('model', n, schema);
      for (const n of parsed.data.seeds ?? []) add('seed', n, 'reference');
      for (const n of parsed.data.snapshots ?? []) add('snapshot', n, 'snapshots');
      for (const source of parsed.data.sources ?? []) {
        // `schema: "{{ var('raw_schema', 'raw') }}"`: the default of the var is what dbt uses here.
        const sourceSchema = /'([a-z_]+)'\s*\)\s*}}/.exec(source.schema ?? '')?.[1] ?? source.schema ?? source.name;
        for (const table of source.tables) add('source', table, sourceSchema);
      }
    }
  }
  return docs;
}
