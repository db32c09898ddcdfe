import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation at its initial size for this process (`--semi-space-growth-factor=1`),
 * unless the operator sized it (`--max-semi-space-size`, `--semi-space-growth-factor` or
 * `--min-semi-space-size` on the command line or in NODE_OPTIONS).
 *
 * Why: module start-up allocates fast (TypeORM and zod alone leave ~10 MB of live objects), and
 * V8 answers by doubling the young generation towards 2 x 16 MB; those pages stay committed for
 * the process's life. Kept small, a 10-row `batch ingest` on PGlite peaks ~10 MB lower
 * (docs/statement-import.md "Memory"). Of V8's young-generation flags only the growth factor
 * still takes effect once the heap exists (`--max-semi-space-size` is read when the heap is
 * configured, before any script runs). Imported first by main.ts, before the heavy modules.
 */
const OPERATOR_FLAGS = ['--max-semi-space-size', '--min-semi-space-size', '--semi-space-growth-factor'];
const given = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
if (!given.some((arg) => OPERATOR_FLAGS.some((flag) => arg.startsWith(flag)))) setFlagsFromString('--semi-space-growth-factor=1');
