import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { printSealedReport } from './sealed-scores.ts';
import { buildSealed6Cases, SEALED6_DATASET } from './sealed6-cases.ts';

/** The sixth sealed held-out set (sealed6-cases.ts, its own dataset) through the offline agent, each classified. */
export const runSealed6Eval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealed6Cases, SEALED6_DATASET);

// Counts per class only, never a question's answer: the set stays sealed so what it scores is not
// fitted to. `--open` prints every miss; only for a later session, once this one has reported.
if (process.argv[1]?.endsWith('run-sealed6.ts')) {
  printSealedReport(await runSealed6Eval(), process.argv.includes('--open'));
}
