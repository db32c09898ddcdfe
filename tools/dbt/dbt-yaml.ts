import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** Read-only access to the dbt project's YAML, for specs that keep it in step with the domain. */
export const DBT_PROJECT_DIR = resolve(import.meta.dirname, '../../dbt');

const testSchema = z.union([z.string(), z.record(z.string(), z.unknown())]);
const columnSchema = z.object({ name: z.string(), description: z.string().optional(), data_tests: z.array(testSchema).optional() });
const nodeSchema = z.object({ name: z.string(), description: z.string().optional(), columns: z.array(columnSchema).optional() });
const propertiesSchema = z.object({
  models: z.array(nodeSchema).optional(),
  seeds: z.array(nodeSchema).optional(),
  snapshots: z.array(nodeSchema).optional(),
  sources: z.array(z.object({ name: z.string(), tables: z.array(nodeSchema) })).optional(),
});
export type DbtProperties = z.infer<typeof propertiesSchema>;
export type DbtColumn = z.infer<typeof columnSchema>;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Every properties file under models/, seeds/ and snapshots/, parsed. */
export function readDbtProperties(): Array<{ file: string; properties: DbtProperties }> {
  return ['models', 'seeds', 'snapshots'].flatMap((folder) =>
    yamlFiles(join(DBT_PROJECT_DIR, folder)).map((file) => ({ file, properties: propertiesSchema.parse(parse(readFileSync(file, 'utf8'))) })),
  );
}

const acceptedValuesSchema = z.object({ accepted_values: z.object({ arguments: z.object({ values: z.array(z.union([z.string(), z.number()])) }) }) });

/** The `accepted_values` list of a column's tests, if it has one. */
export function acceptedValues(column: DbtColumn): Array<string | number> | null {
  for (const test of column.data_tests ?? []) {
    const parsed = acceptedValuesSchema.safeParse(test);
    if (parsed.success) return parsed.data.accepted_values.arguments.values;
  }
  return null;
}
