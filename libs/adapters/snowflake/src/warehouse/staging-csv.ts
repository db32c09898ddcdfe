import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { StagedRow } from './staged-values.ts';

/** A CSV file of staging rows on local disk, for PUT + COPY INTO. */
export interface StagingCsvFile {
  readonly path: string;
  /** The name it has in the stage after the driver's AUTO_COMPRESS. */
  readonly stagedName: string;
  readonly rows: number;
  remove(): Promise<void>;
}

/**
 * One CSV field in the dialect COPY INTO reads (staging-sql.ts): NULL is an empty unenclosed
 * field; every other value is enclosed in double quotes, inner quotes doubled, so an empty string,
 * commas, newlines and backslashes all survive.
 */
export function csvField(value: string | null): string {
  return value === null ? '' : `"${value.replace(/"/g, '""')}"`;
}

export function csvLine(row: StagedRow): string {
  return `${row.map(csvField).join(',')}\n`;
}

/** Writes the rows to a fresh private temp directory under `parentDir`; remove() deletes both. */
export async function writeStagingCsv(parentDir: string, table: string, rows: readonly StagedRow[]): Promise<StagingCsvFile> {
  const dir = await mkdtemp(join(parentDir, 'ledgerline-snowflake-'));
  // A unique name: the table stage may be shared (emulator) and COPY selects files by name.
  const name = `${table}-${randomUUID()}.csv`;
  const path = join(dir, name);
  try {
    const out = createWriteStream(path, { encoding: 'utf8' });
    for (const row of rows) {
      if (!out.write(csvLine(row))) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    out.end();
    await finished(out);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { path, stagedName: `${name}.gz`, rows: rows.length, remove: () => rm(dir, { recursive: true, force: true }) };
}
