import { describe, expect, it } from 'vitest';
import { SEED_FILES, readSeed, renderSeeds } from './seed-files.ts';

describe('dbt seeds', () => {
  it.each(SEED_FILES)('%s is the current rendering of the domain reference data (run tools/dbt/write-seeds.ts)', (file) => {
    expect(readSeed(file)).toBe(renderSeeds()[file]);
  });

  it('lists the 16 categories of the taxonomy and an FX rate for the base currency', () => {
    const categories = new Set(readSeed('categories.csv').trim().split('\n').slice(1).map((line) => line.split(',')[0]));
    expect([...categories]).toEqual([
      'Groceries', 'Dining', 'Transport', 'Travel', 'Shopping', 'Utilities', 'Housing', 'Health',
      'Entertainment', 'Subscriptions', 'Education', 'Cash', 'Fees', 'Income', 'Transfers', 'Other',
    ]);
    expect(readSeed('fx_rates.csv')).toMatch(/^EUR,1$/m);
  });
});
