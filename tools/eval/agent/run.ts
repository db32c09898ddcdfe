/**
 * The agent evaluation: `npm run eval:agent` (add `-- --verbose` for every answer, `-- --only id,id`).
 * Builds a fixed generated dataset, asks the offline agent every question in eval-cases.ts and
 * prints the score; exits 1 below the 90 % bar.
 */
import { parseArgs } from 'node:util';
import { runAgentEval } from './run-eval.ts';

const PASS_BAR = 0.9;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { verbose: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  const started = Date.now();
  const report = await runAgentEval({
    log: (line) => process.stderr.write(`${line}\n`),
    ...(only ? { only: (c) => only.has(c.id) } : {}),
  });
  for (const r of report.results) {
    const mark = r.ok ? 'PASS' : 'FAIL';
    process.stdout.write(`${mark}  ${r.id.padEnd(30)} ${r.question}\n`);
    if (!r.ok || values.verbose) {
      process.stdout.write(`      answer: ${r.answer.answer}\n`);
      if (!r.ok) process.stdout.write(`      missing: ${r.missing.join(' | ')}\n`);
      for (const sql of r.answer.sql) process.stdout.write(`      sql: ${sql.replace(/\s+/g, ' ')}\n`);
    }
  }
  const percent = (report.score * 100).toFixed(1);
  process.stdout.write(`\nAgent evaluation (offline planner): ${report.passed}/${report.total} exactly right = ${percent}% (bar ${PASS_BAR * 100}%) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return report.score >= PASS_BAR ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
