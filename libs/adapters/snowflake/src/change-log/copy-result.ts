import { z } from 'zod';
import { TerminalError } from '@ledgerline/transactions';

/** One row of COPY INTO's result (one per file; a single `status` row when no file was processed). */
const copyRowSchema = z.looseObject({
  file: z.string().optional(),
  status: z.string(),
  rows_loaded: z.union([z.number(), z.string()]).optional(),
  first_error: z.string().nullable().optional(),
});

/**
 * What COPY INTO said must be exactly this file, LOADED, with as many rows as the staging table
 * now holds. Anything else (no file processed: the PUT did not land where COPY looked; a partial
 * load) is refused before anything is written to RAW, naming the object and what COPY reported.
 */
export function checkCopyResult(key: string, stagedFileName: string, result: readonly unknown[], stagedRows: number): void {
  const rows = result.map((row) => copyRowSchema.safeParse(row)).flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  const reported = JSON.stringify(rows.map(({ file, status, rows_loaded, first_error }) => ({ file, status, rows_loaded, first_error })));
  const ours = rows.filter((row) => row.file !== undefined && (row.file === stagedFileName || row.file.endsWith(`/${stagedFileName}`)));
  const loaded = ours[0];
  if (rows.length !== 1 || !loaded || loaded.status !== 'LOADED' || Number(loaded.rows_loaded) !== stagedRows) {
    throw new TerminalError(`COPY INTO did not load ${key} whole (staged file ${stagedFileName}, ${stagedRows} rows staged): COPY reported ${reported}`);
  }
}
