import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { printSealedReport } from './sealed-scores.ts';
import { buildSealed2Cases, SEALED2_DATASET } from './sealed2-cases.ts';

/** The second sealed held-out set (sealed2-cases.ts, its own dataset) through the offline agent, each classified. */
export const runSealed2Eval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealed2Cases, SEALED2_DATASET);

// Counts per class only, never a question's answer: the set stays sealed so what it scores is not
// fitted to. `--open` prints every miss; only for a later session, once this one has reported.
if (process.argv[1]?.endsWith('run-sealed2.ts')) {
  printSealedReport(await runSealed2Eval(), process.argv.includes('--open'));
}
