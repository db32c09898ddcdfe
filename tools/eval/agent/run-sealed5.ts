import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { printSealedReport } from './sealed-scores.ts';
import { buildSealed5Cases, SEALED5_DATASET } from './sealed5-cases.ts';

/** The fifth sealed held-out set (sealed5-cases.ts, its own dataset) through the offline agent, each classified. */
export const runSealed5Eval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealed5Cases, SEALED5_DATASET);

// Counts per class only, never a question's answer: the set stays sealed so what it scores is not
// fitted to. `--open` prints every miss; only for a later session, once this one has reported.
if (process.argv[1]?.endsWith('run-sealed5.ts')) {
  printSealedReport(await runSealed5Eval(), process.argv.includes('--open'));
}
