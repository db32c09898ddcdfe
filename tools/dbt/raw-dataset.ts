import * as transactionsGenerator from '@ledgerline/transactions/generator';
import { syntheticTradeMarket } from '@ledgerline/market-data';
import { accountSchema, companySchema, customerCompanySchema, customerSchema, moneySchema, transactionSchema, type TradeMarket } from '@ledgerline/transactions';
import { z } from 'zod';
import { builtinDataset } from './builtin-dataset.ts';
import type { RawDataset } from './raw-records.ts';

export const datasetOptionsSchema = z.object({
  seed: z.number().int().min(0),
  customers: z.number().int().min(1).max(100_000),
  months: z.number().int().min(1).max(120),
  startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
});
export type DatasetOptions = z.infer<typeof datasetOptionsSchema>;

// The generator is another library's edge: validate what it returns before loading it.
const generatedSchema = z.object({
  customers: z.array(customerSchema),
  companies: z.array(companySchema),
  customerCompanies: z.array(customerCompanySchema),
  accounts: z.array(accountSchema),
  transactions: z.array(transactionSchema),
  openingBalances: z.record(z.string(), moneySchema),
});

export interface LoadedDataset extends RawDataset {
  /** `generator` = generateDataset of @ledgerline/transactions/generator; `builtin` = the fallback. */
  readonly origin: 'generator' | 'builtin';
  /** account_id -> balance before the first transaction: ground truth for the balance mart. */
  readonly openingBalances: Readonly<Record<string, string>>;
}

type GeneratorOptions = DatasetOptions & { market?: TradeMarket };

/**
 * `generateDataset` of @ledgerline/transactions/generator, looked up at run time so this tool keeps
 * working (on the small built-in dataset) in a checkout where the generator is not exported.
 */
function findGenerator(): ((options: GeneratorOptions) => unknown) | null {
  const candidate: unknown = (transactionsGenerator as Record<string, unknown>)['generateDataset'];
  return typeof candidate === 'function' ? (options) => (candidate as (o: GeneratorOptions) => unknown)(options) : null;
}

/**
 * A small, realistic, deterministic dataset: the domain generator's output, else the built-in one.
 * With investment trades (docs/trades.md) priced from the synthetic market of the same seed, as
 * the apps generate them, so the marts are checked on data that has trades.
 */
export function loadDataset(options: DatasetOptions): LoadedDataset {
  const parsed = datasetOptionsSchema.parse(options);
  const generate = findGenerator();
  if (!generate) return { ...builtinDataset(parsed), origin: 'builtin' };
  return { ...generatedSchema.parse(generate({ ...parsed, market: syntheticTradeMarket(String(parsed.seed)) })), origin: 'generator' };
}
