import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as transactionsDomain from '@ledgerline/transactions';
import { z } from 'zod';

/**
 * The dbt seeds are renderings of the transactions domain's reference data, so the warehouse
 * categorises, groups and converts exactly like the application:
 *   mcc_categories.csv <- mccTableCsv(), categories.csv <- CATEGORY_TREE,
 *   fx_rates.csv       <- FX_RATES_PER_EUR.
 * tools/dbt/write-seeds.ts writes them; seed-files.spec.ts fails when they drift.
 */
export const SEEDS_DIR = resolve(import.meta.dirname, '../../dbt/seeds');
export const SEED_FILES = ['mcc_categories.csv', 'categories.csv', 'fx_rates.csv'] as const;
export type SeedFile = (typeof SEED_FILES)[number];

// Looked up and validated at run time: reference data is another library's edge, and a missing
// export should say which one rather than break type checking of unrelated tools.
const referenceDataSchema = z.object({
  mccTableCsv: z.custom<() => string>((value) => typeof value === 'function', 'expected mccTableCsv()'),
  CATEGORY_TREE: z.record(z.string(), z.array(z.string()).readonly()),
  FX_RATES_PER_EUR: z.record(z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^\d+(\.\d+)?$/)),
});

/** RFC 4180: quote a field only when it holds a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

/** The expected content of every seed file, from the domain's current reference data. */
export function renderSeeds(): Record<SeedFile, string> {
  const parsed = referenceDataSchema.safeParse(transactionsDomain);
  if (!parsed.success) {
    throw new Error(`@ledgerline/transactions does not export the reference data the dbt seeds need: ${parsed.error.message}`);
  }
  const { mccTableCsv, CATEGORY_TREE, FX_RATES_PER_EUR } = parsed.data;
  return {
    'mcc_categories.csv': mccTableCsv(),
    'categories.csv': csv(
      ['category', 'subcategory'],
      Object.entries(CATEGORY_TREE).flatMap(([category, subcategories]) => subcategories.map((sub) => [category, sub])),
    ),
    'fx_rates.csv': csv(['currency', 'units_per_eur'], Object.entries(FX_RATES_PER_EUR)),
  };
}

export function readSeed(file: SeedFile): string {
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

export function writeSeeds(): SeedFile[] {
  const rendered = renderSeeds();
  const changed = SEED_FILES.filter((file) => readSeedOrEmpty(file) !== rendered[file]);
  for (const file of changed) writeFileSync(join(SEEDS_DIR, file), rendered[file]);
  return changed;
}

function readSeedOrEmpty(file: SeedFile): string {
  try {
    return readSeed(file);
  } catch {
    return '';
  }
}
