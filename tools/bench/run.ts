// `npm run bench [-- <name>...] [--list] [--no-record]`: runs the named benchmarks (all when none
// are named), prints the results, and appends a dated section to docs/benchmarks.md.
import { join } from 'node:path';
import { registerRun, repoRoot, servicesCacheDir, stopServicesStartedSince, unregisterRun } from '@ledgerline/testing';
import type { BenchmarkResult } from './benchmark.ts';
import { machineInfo } from './machine.ts';
import { benchmarkNames, loadBenchmark } from './registry.ts';
import { appendReport, renderSection, type RunReport } from './report.ts';

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const unknownFlags = [...flags].filter((f) => f !== '--list' && f !== '--no-record');
  if (unknownFlags.length > 0) {
    console.error(`unknown option(s): ${unknownFlags.join(' ')}\nusage: npm run bench [-- <name>...] [--list] [--no-record]`);
    return 2;
  }
  if (flags.has('--list')) {
    for (const name of benchmarkNames()) console.log(`${name}\t${(await loadBenchmark(name)).description}`);
    return 0;
  }
  const names = argv.filter((a) => !a.startsWith('--'));
  const selected = names.length > 0 ? names : benchmarkNames();
  const benchmarks = await Promise.all(selected.map((name) => loadBenchmark(name)));

  const began = Date.now();
  // Registered like a test run, so a test run's teardown in the same checkout leaves the services
  // this run uses alone (it once stopped Kafka under a running benchmark).
  registerRun(servicesCacheDir(), process.pid, began);
  const results: RunReport['results'] = [];
  try {
    for (const benchmark of benchmarks) {
      console.error(`bench: running ${benchmark.name}`);
      const result: BenchmarkResult = await benchmark.run({ log: (message) => console.error(`bench [${benchmark.name}] ${message}`) });
      results.push({ name: benchmark.name, description: benchmark.description, result });
    }
  } finally {
    // Services the benchmarks started (e.g. the harness Postgres) are stopped again.
    unregisterRun(servicesCacheDir(), process.pid);
    await stopServicesStartedSince(began);
  }

  const report: RunReport = { date: new Date(), machine: machineInfo(), results };
  console.log(renderSection(report));
  if (!flags.has('--no-record')) {
    const path = join(repoRoot(), 'docs', 'benchmarks.md');
    appendReport(path, report);
    console.error(`bench: appended to ${path}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
