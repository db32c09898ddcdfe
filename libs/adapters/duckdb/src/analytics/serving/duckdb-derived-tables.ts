import type { DerivedTables } from '@ledgerline/warehouse-sync';
import { refreshServingFile } from './refresh-serving-tables.ts';

/**
 * The warehouse sync's DerivedTables on a DuckDB warehouse file: the analytics serving layer next
 * to RAW. The file is opened for the refresh and closed right after (dbt opens it next).
 */
export function duckDbDerivedTables(path: string): DerivedTables {
  return {
    async refresh() {
      const report = await refreshServingFile(path);
      if (report.mode !== 'incremental') return `serving layer ${report.mode}: ${report.transactions} transactions in ${Math.round(report.durationMs)} ms`;
      return `serving layer incremental: ${report.transactions} changed transactions, ${report.groups} rollup rows patched over ${report.days} days in ${Math.round(report.durationMs)} ms`;
    },
  };
}
