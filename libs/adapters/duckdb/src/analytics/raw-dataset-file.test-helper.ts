import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { contractDataset } from '@ledgerline/analytics/testing';
import { loadRawDataset } from './load-raw-dataset.ts';

export interface RawDatasetFile {
  /** The temporary folder (removed after the block). */
  readonly dir: string;
  /** The DuckDB file in it, holding the contract dataset in RAW. */
  readonly path: string;
}

/**
 * For one describe block: a DuckDB file in a fresh temporary folder with the contract dataset
 * loaded into RAW, made in beforeAll and removed in afterAll. Read `dir`/`path` inside tests and
 * hooks (they are set once beforeAll has run).
 */
export function useRawDatasetFile(prefix: string, size: { customers: number; months: number }): RawDatasetFile {
  let dir = '';
  let path = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    path = join(dir, 'a.duckdb');
    await loadRawDataset(path, contractDataset(size));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get path() {
      return path;
    },
  };
}
