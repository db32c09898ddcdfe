/**
 * Regenerates dbt/seeds/*.csv from @ledgerline/transactions (MCC table, category taxonomy, FX
 * rates). Run after changing that reference data, then `tools/dbt/dbt.sh build --full-refresh`
 * (seed changes are not picked up by the incremental fact):
 *   npx tsx tools/dbt/write-seeds.ts
 */
import { writeSeeds } from './seed-files.ts';

try {
  const changed = writeSeeds();
  console.log(changed.length > 0 ? `rewrote ${changed.join(', ')}` : 'seeds already up to date');
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
