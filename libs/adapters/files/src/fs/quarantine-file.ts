import { basename, join } from 'node:path';
import { moveFile } from './move-file.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

export interface QuarantinedFile {
  path: string;
  reportPath: string;
}

/**
 * Moves a rejected file into the quarantine folder and writes `<name>.error.json` beside it with
 * the report (file, line, reason...), so an operator sees why without reading logs.
 */
export async function quarantineFile(source: string, quarantineDir: string, report: object): Promise<QuarantinedFile> {
  const path = await moveFile(source, quarantineDir, { onConflict: 'suffix' });
  const reportPath = join(quarantineDir, `${basename(path)}.error.json`);
  await writeFileAtomic(reportPath, `${JSON.stringify({ file: basename(source), quarantined_as: basename(path), ...report }, null, 2)}\n`);
  return { path, reportPath };
}
