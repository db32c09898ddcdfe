import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import type { BenchmarkResult } from './benchmark.ts';
import type { MachineInfo } from './machine.ts';

export interface RunReport {
  date: Date;
  machine: MachineInfo;
  results: Array<{ name: string; description: string; result: BenchmarkResult }>;
}

const HEADER = `# Benchmarks

Appended by \`npm run bench\` (tools/bench/); newest last. Numbers are only comparable between
sections run on the same machine. How to add a benchmark: tools/bench/README.md.
`;

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/** One dated markdown section: machine line, then one table row per metric. */
export function renderSection(report: RunReport): string {
  const m = report.machine;
  const stamp = report.date.toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    '',
    `## ${stamp} UTC — ${report.results.map((r) => r.name).join(', ')}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}`,
    '',
    '| benchmark | metric | value | unit |',
    '|---|---|---:|---|',
  ];
  for (const { name, result } of report.results) {
    for (const metric of result.metrics) lines.push(`| ${name} | ${metric.name} | ${format(metric.value)} | ${metric.unit} |`);
  }
  const notes = report.results.flatMap(({ name, result }) => (result.notes ?? []).map((n) => `- ${name}: ${n}`));
  if (notes.length > 0) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}

export function appendReport(path: string, report: RunReport): void {
  if (!existsSync(path)) writeFileSync(path, HEADER);
  appendFileSync(path, renderSection(report));
}
