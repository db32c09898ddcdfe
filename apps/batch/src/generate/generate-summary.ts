import type { GenerateStatementsReport } from '@ledgerline/ingestion';

export interface GenerateSummary {
  seed: number;
  start_month: string;
  months: string[];
  customers: number;
  accounts: number;
  statements: number;
  transactions: number;
  files: Record<string, number>;
  out: string;
  seconds: number;
}

export function summariseGeneration(report: GenerateStatementsReport, run: { seed: number; startMonth: string; out: string }, seconds: number): GenerateSummary {
  const files: Record<string, number> = {};
  for (const f of report.files) files[f.format] = (files[f.format] ?? 0) + 1;
  return {
    seed: run.seed,
    start_month: run.startMonth,
    months: report.months,
    customers: report.customers,
    accounts: report.accounts,
    statements: report.statements,
    transactions: report.transactions,
    files,
    out: run.out,
    seconds: Math.round(seconds * 100) / 100,
  };
}

/** The human-readable summary printed on stdout. */
export function formatGenerateSummary(s: GenerateSummary): string {
  const n = (v: number) => v.toLocaleString('en');
  const files = Object.entries(s.files).map(([format, count]) => `${n(count)} ${format}`).join(', ') || 'none';
  return [
    `Generated ${n(s.statements)} statements (${n(s.accounts)} accounts x ${s.months.length} month(s): ${s.months.join(', ')}) for ${n(s.customers)} customers, seed ${s.seed}, simulated from ${s.start_month}:`,
    `  files        ${files} in ${s.out}`,
    `  transactions ${n(s.transactions)}`,
    `  time         ${s.seconds.toFixed(2)} s`,
  ].join('\n');
}
