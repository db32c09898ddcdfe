import { z } from 'zod';

/** One measured number, e.g. `{ name: 'p50', value: 0.11, unit: 'ms' }`. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
}

export interface BenchmarkResult {
  metrics: Metric[];
  /** Parameters and caveats worth keeping next to the numbers (sizes, iterations, backend version). */
  notes?: string[];
}

export interface BenchmarkContext {
  /** Progress messages (stderr), not part of the results. */
  log: (message: string) => void;
}

/** What every file in tools/bench/benchmarks/ default-exports. */
export interface Benchmark {
  /** Equal to the file name without `.ts`; what `npm run bench -- <name>` selects. */
  name: string;
  description: string;
  run: (context: BenchmarkContext) => Promise<BenchmarkResult>;
}

/** Identity helper that gives benchmark files type checking without boilerplate. */
export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}

// Benchmark modules are loaded dynamically, so their default export is checked at the edge.
export const benchmarkSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase-kebab-case'),
  description: z.string().min(1),
  run: z.custom<Benchmark['run']>((value) => typeof value === 'function', 'run must be a function'),
});
