import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchmarkSchema, type Benchmark } from './benchmark.ts';

// The registry is the folder: every `benchmarks/<name>.ts` default-exporting a Benchmark named
// <name> is registered. Adding a benchmark = adding one file; nothing else to edit.
const BENCHMARKS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'benchmarks');

export function benchmarkNames(dir = BENCHMARKS_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

export async function loadBenchmark(name: string, dir = BENCHMARKS_DIR): Promise<Benchmark> {
  if (!benchmarkNames(dir).includes(name)) {
    throw new Error(`unknown benchmark "${name}"; known: ${benchmarkNames(dir).join(', ') || '(none)'}`);
  }
  const module: { default?: unknown } = await import(pathToFileURL(join(dir, `${name}.ts`)).href);
  const parsed = benchmarkSchema.safeParse(module.default);
  if (!parsed.success) throw new Error(`benchmarks/${name}.ts must default-export defineBenchmark({...}): ${parsed.error.message}`);
  if (parsed.data.name !== name) throw new Error(`benchmarks/${name}.ts exports a benchmark named "${parsed.data.name}"`);
  return parsed.data;
}
