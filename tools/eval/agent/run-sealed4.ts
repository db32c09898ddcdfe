import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { printSealedReport } from './sealed-scores.ts';
import { buildSealed4Cases, SEALED4_DATASET } from './sealed4-cases.ts';

/** The fourth sealed held-out set (sealed4-cases.ts, its own dataset) through the offline agent, each classified. */
export const runSealed4Eval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealed4Cases, SEALED4_DATASET);

// Counts per class only, never a question's answer: the set stays sealed so what it scores is not
// fitted to. `--open` prints every miss; only for a later session, once this one has reported.
if (process.argv[1]?.endsWith('run-sealed4.ts')) {
  printSealedReport(await runSealed4Eval(), process.argv.includes('--open'));
}
