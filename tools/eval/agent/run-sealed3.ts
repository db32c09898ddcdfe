import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { printSealedReport } from './sealed-scores.ts';
import { buildSealed3Cases, SEALED3_DATASET } from './sealed3-cases.ts';

/** The third sealed held-out set (sealed3-cases.ts, its own dataset) through the offline agent, each classified. */
export const runSealed3Eval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealed3Cases, SEALED3_DATASET);

// Counts per class only, never a question's answer: the set stays sealed so what it scores is not
// fitted to. `--open` prints every miss; only for a later session, once this one has reported.
if (process.argv[1]?.endsWith('run-sealed3.ts')) {
  printSealedReport(await runSealed3Eval(), process.argv.includes('--open'));
}
