import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { printSealedReport } from './sealed-scores.ts';
import { buildSealedCases } from './sealed-cases.ts';

/** The sealed held-out questions (sealed-cases.ts) through the offline agent, each classified. */
export const runSealedEval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealedCases);

// Prints counts per class only: the set stays sealed (no question's answer is shown), so what it
// scores is not fitted to. `--open` prints every miss, for after the session that sealed it.
if (process.argv[1]?.endsWith('run-sealed.ts')) {
  printSealedReport(await runSealedEval(), process.argv.includes('--open'));
}
